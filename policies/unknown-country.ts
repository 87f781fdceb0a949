import type { JsonPath } from '../scripts/diagnostics/diagnostic.js';
import { definePolicy } from '../scripts/engine/policy.js';

/** EU texts write EL for Greece and UK for the United Kingdom; ISO 3166-1, which the registry stores, does not. */
const EU_CODES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

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
 * The schema accepts any two capitals; this policy holds them to the ISO list. Place values that are not codes
 * at all (a country name, lower case) are reported under this id by validation, with the code to write.
 */
export default definePolicy({
  id: 'unknown-country',
  severity: 'error',
  partOfValidation: true,
  description: 'A place or user scope is neither an ISO 3166-1 alpha-2 country code nor a known region.',
  messages: {
    unknown: '{{code}} is not an ISO 3166-1 alpha-2 country code nor a region (EEA, EU, EUROPE, NORTH_AMERICA, WORLD)',
    'eu-code': "{{code}} is the EU's code, not the ISO code; write {{iso}}",
    'controller-country': "the controller's country {{code}} is not an ISO 3166-1 alpha-2 country code",
    'not-a-code':
      '{{field}} is {{value}}, which is not a place code: write an ISO 3166-1 alpha-2 country code in capitals (FR, US, GB) or a region (EEA, EU, EUROPE, NORTH_AMERICA, WORLD)',
    'not-a-code-suggest': '{{field}} is {{value}}, which is not a place code; did you mean "{{suggestion}}"?',
  },
  hints: {
    unknown: 'Look the country up in policies/data/countries.json.',
    'eu-code': 'Replace {{code}} with {{iso}}.',
    'controller-country': "Write the country of the controller's main establishment, such as FR.",
    'not-a-code': 'Look the country up in policies/data/countries.json.',
    'not-a-code-suggest': 'Replace it with "{{suggestion}}".',
  },
  check({ after, facts }, report) {
    for (const entry of after.subprocessors) {
      for (const { code, path } of placeCodes(entry.value)) {
        if (facts.isCountry(code) || facts.region(code)) continue;
        const iso = EU_CODES[code];
        report({
          messageId: iso ? 'eu-code' : 'unknown',
          file: entry,
          path,
          subprocessor: entry.value.id,
          data: iso ? { code, iso } : { code },
        });
      }
    }
    const settings = after.settings;
    if (settings && !facts.isCountry(settings.value.controller.country)) {
      const code = settings.value.controller.country;
      const iso = EU_CODES[code];
      report({
        messageId: iso ? 'eu-code' : 'controller-country',
        file: settings,
        path: ['controller', 'country'],
        data: iso ? { code, iso } : { code },
      });
    }
  },
});
