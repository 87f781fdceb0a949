import type { JsonPath } from '../scripts/diagnostics/diagnostic.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { UNKNOWN_COUNTRY } from '../scripts/registry/place-rule.js';
import { isCountryCode, ISO_ALIASES, regionOf } from '../scripts/registry/places.js';

/** Every place code in a subprocessor, with its path: locations, their user scopes, the vendor's user scope. */
function placeCodes(value: { users?: string[]; locations: { place: string; users?: string[] }[] }): { code: string; path: JsonPath }[] {
  const out: { code: string; path: JsonPath }[] = [];
  value.users?.forEach((code, i) => out.push({ code, path: ['users', i] }));
  value.locations.forEach((location, i) => {
    out.push({ code: location.place, path: ['locations', i, 'place'] });
    location.users?.forEach((code, j) => out.push({ code, path: ['locations', i, 'users', j] }));
  });
  return out;
}

/**
 * The schema accepts any two capitals; this policy holds them to the ISO list. Place values that are not codes at
 * all (a country name, lower case) are reported under this id by the loader, which is why the messages live with
 * the place vocabulary (scripts/registry/place-rule.ts).
 */
export default definePolicy({
  ...UNKNOWN_COUNTRY,
  partOfValidation: true,
  fixed: true,
  check({ after }, report) {
    for (const entry of after.subprocessors) {
      for (const { code, path } of placeCodes(entry.value)) {
        if (isCountryCode(code) || regionOf(code)) continue;
        const iso = ISO_ALIASES[code];
        report({
          messageId: iso ? 'eu-code' : 'unknown',
          file: entry,
          path,
          subprocessor: entry.value.id,
          data: iso ? { code, iso } : { code },
          ...(iso ? { replaceWith: iso } : {}),
        });
      }
    }
    const settings = after.settings;
    if (settings && !isCountryCode(settings.value.controller.country)) {
      const code = settings.value.controller.country;
      const iso = ISO_ALIASES[code];
      report({
        messageId: iso ? 'eu-code' : 'controller-country',
        file: settings,
        path: ['controller', 'country'],
        data: iso ? { code, iso } : { code },
        ...(iso ? { replaceWith: iso } : {}),
      });
    }
  },
});
