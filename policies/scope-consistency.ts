import type { Law } from '../scripts/engine/jurisdiction.js';
import { definePolicy } from '../scripts/engine/policy.js';
import type { Location, Subprocessor } from '../scripts/generated/subprocessor.js';
import { placeWithin, scopeContains } from '../scripts/registry/places.js';

/** Two codes share users when one lies within the other (US and NORTH_AMERICA; EU and EEA). */
function overlaps(a: string, b: string): boolean {
  return placeWithin(a, b) || placeWithin(b, a);
}

/** Where the data of the law's protected users goes: the locations whose scope (or the vendor's) reaches them. */
function zoneUsersGoSomewhere(sub: Subprocessor, law: Law): boolean {
  return sub.locations.some((l: Location) => law.coversUsers(l.users ?? sub.users));
}

/**
 * A user scope says whose data goes where; scopes that contradict each other leave a reader unable to tell, and
 * let the transfer policies reason about data that goes nowhere, or nowhere they look.
 */
export default definePolicy({
  id: 'scope-consistency',
  severity: 'warning',
  perLaw: true,
  perEntry: true,
  partOfValidation: true,
  description:
    'User scopes contradict each other: a place for users the vendor does not serve, or protected users whose data has no place.',
  messages: {
    'place-for-nobody':
      '{{name}} serves only users in {{served}}, but this place is for users in {{scoped}}: no user of the vendor has data here',
    'users-not-served': '{{name}} serves only users in {{served}}, but this place is also for users in {{extra}}',
    'zone-users-nowhere': '{{name}} serves users inside the {{zone}}, but no place is scoped to them: where does their data go?',
  },
  hints: {
    'place-for-nobody': 'Correct the place\'s "users:" (or the vendor\'s), or remove the place if no data goes there.',
    'users-not-served': 'Add {{extra}} to the vendor\'s "users:", or remove it from the place\'s.',
    'zone-users-nowhere':
      'Add the place that stores their data, or widen a place\'s "users:" to them; if the vendor serves none of them, say so with the vendor\'s "users:".',
  },
  check({ after, laws }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      const served = sub.users;
      sub.locations.forEach((location, index) => {
        if (served === undefined || location.users === undefined || scopeContains(served, location.users)) return;
        const at = { file: entry, path: ['locations', index, 'users'], subprocessor: sub.id };
        const outside = location.users.filter((code) => !served.some((s) => placeWithin(code, s)));
        const data = { name: sub.name, served: served.join(', '), scoped: location.users.join(', '), extra: outside.join(', ') };
        const nobody = location.users.every((code) => !served.some((s) => overlaps(code, s)));
        report({ ...at, messageId: nobody ? 'place-for-nobody' : 'users-not-served', data });
      });
      for (const law of laws) {
        if (!law.coversUsers(served) || zoneUsersGoSomewhere(sub, law)) continue;
        report({
          file: entry,
          path: ['locations'],
          subprocessor: sub.id,
          law: law.id,
          messageId: 'zone-users-nowhere',
          data: { name: sub.name, zone: law.zone },
        });
      }
    }
  },
});
