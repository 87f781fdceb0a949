import { definePolicy } from '../scripts/engine/policy.js';
import { placeLabel } from '../scripts/engine/place-label.js';

/** Rule 6 of the decision table: EEA users' data leaves the EEA and nothing says on what legal basis. */
export default definePolicy({
  id: 'missing-transfer-mechanism',
  severity: 'error',
  description: 'Personal data of people the GDPR protects goes to a place outside the EEA and no transfer mechanism is given.',
  messages: {
    missing: '{{name}} processes data in {{place}}, outside the EEA, with no transfer mechanism',
  },
  hints: {
    missing: 'Add "mechanism:" to this location: {{options}}.',
  },
  check({ after, facts, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        if (location.mechanism !== undefined || facts.isWithinEea(location.place) || !facts.isKnownPlace(location.place)) return;
        if (!facts.carriesGdprData(location.users ?? sub.users)) return;
        const options =
          location.place === 'US'
            ? 'dpf if the vendor is certified under the EU-US Data Privacy Framework, otherwise scc or bcr'
            : facts.adequacyInForce(location.place, today)?.scope === 'full'
              ? 'adequacy (an EU adequacy decision covers it), or scc or bcr'
              : facts.adequacyInForce(location.place, today)
                ? 'adequacy if the partial adequacy decision covers the vendor, otherwise scc or bcr'
                : 'scc (Standard Contractual Clauses), bcr, or another Art. 46 safeguard';
        report({
          messageId: 'missing',
          file: entry,
          path: ['locations', index],
          subprocessor: sub.id,
          data: { name: sub.name, place: placeLabel(location.place, facts), options },
        });
      });
    }
  },
});
