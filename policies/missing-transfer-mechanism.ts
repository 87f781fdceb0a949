import { coverageAt, possibleCover } from '../scripts/engine/coverage.js';
import { safeguardArticle, safeguards, safeguardWords, type Law } from '../scripts/engine/jurisdiction.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { mechanismsOf } from '../scripts/registry/location-mechanisms.js';
import { isKnownPlace, placeLabel } from '../scripts/registry/places.js';

/** The mechanisms worth suggesting for a place, from the law's own facts: a framework, an adequacy decision, or a safeguard. */
function options(law: Law, place: string, today: string): string {
  const [first, second] = safeguards(law);
  const either = [first, second].flatMap((m) => (m ? [safeguardWords(m)] : [])).join(' or ');
  const { framework, adequacy } = possibleCover(law, place, today);
  if (framework) return `${framework.mechanism} if the vendor is certified under the ${framework.name}, otherwise ${either}`;
  if (adequacy === 'full') return `adequacy (an adequacy decision under the ${law.name} covers it), or ${either}`;
  if (adequacy) return `adequacy if the partial adequacy decision covers the vendor, otherwise ${either}`;
  return `${first ? safeguardWords(first) : 'scc'} (${first?.name ?? 'Standard Contractual Clauses'}), ${second ? safeguardWords(second) : 'bcr'}, or another ${safeguardArticle(law)} safeguard`;
}

/** Rule 6 of the decision table: protected users' data leaves the law's zone and nothing says on what legal basis. */
export default definePolicy({
  id: 'missing-transfer-mechanism',
  severity: 'error',
  perLaw: true,
  description: 'Personal data of people a declared law protects goes to a place outside its zone and no transfer mechanism is given.',
  messages: {
    missing: '{{name}} processes data in {{place}}, outside the {{zone}}, with no transfer mechanism ({{law}})',
  },
  hints: {
    missing: 'Add "mechanism:" to this location: {{options}}.',
  },
  perEntry: true,
  check({ after, laws, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        // An unknown code is unknown-country's finding.
        if (!isKnownPlace(location.place)) return;
        const question = { place: location.place, mechanisms: mechanismsOf(location), users: location.users ?? sub.users, laws, today };
        for (const law of laws) {
          if (coverageAt(law, question).note !== 'no-mechanism') continue;
          report({
            messageId: 'missing',
            file: entry,
            path: ['locations', index],
            subprocessor: sub.id,
            law: law.id,
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
