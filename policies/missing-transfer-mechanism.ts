import type { Law } from '../scripts/engine/jurisdiction.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { mechanismsOf } from '../scripts/registry/location-mechanisms.js';
import { isKnownPlace, placeLabel } from '../scripts/registry/places.js';

/** The mechanisms worth suggesting for a place, from the law's own facts: a framework, an adequacy decision, or Art. 46. */
function options(law: Law, place: string, today: string): string {
  const framework = law.frameworkFor(place);
  if (framework) return `${framework.mechanism} if the vendor is certified under the ${framework.name}, otherwise scc or bcr`;
  const decision = law.adequacyInForce(place, today);
  if (decision?.scope === 'full') return `adequacy (an adequacy decision under the ${law.name} covers it), or scc or bcr`;
  if (decision) return 'adequacy if the partial adequacy decision covers the vendor, otherwise scc or bcr';
  return 'scc (Standard Contractual Clauses), bcr, or another Art. 46 safeguard';
}

/** Rule 6 of the decision table: protected users' data leaves the law's zone and nothing says on what legal basis. */
export default definePolicy({
  id: 'missing-transfer-mechanism',
  severity: 'error',
  description: 'Personal data of people a declared law protects goes to a place outside its zone and no transfer mechanism is given.',
  messages: {
    missing: '{{name}} processes data in {{place}}, outside the {{zone}}, with no transfer mechanism ({{law}})',
  },
  hints: {
    missing: 'Add "mechanism:" to this location: {{options}}.',
  },
  check({ after, laws, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        if (mechanismsOf(location).length > 0 || !isKnownPlace(location.place)) return;
        for (const law of laws) {
          if (law.inZone(location.place) || !law.coversUsers(location.users ?? sub.users)) continue;
          report({
            messageId: 'missing',
            file: entry,
            path: ['locations', index],
            subprocessor: sub.id,
            data: {
              name: sub.name,
              place: placeLabel(location.place),
              options: options(law, location.place, today),
              law: law.name,
              zone: law.zone,
            },
          });
        }
      });
    }
  },
});
