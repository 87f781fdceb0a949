import { definePolicy } from '../scripts/engine/policy.js';

/** A region such as WORLD or EUROPE tells a customer nothing about which laws their data meets. */
export default definePolicy({
  id: 'vague-location',
  severity: 'warning',
  description: 'A location names a region that hides where data is (WORLD, EUROPE, NORTH_AMERICA) instead of countries.',
  messages: {
    vague: '{{name}} keeps data in {{region}}, which does not say where: {{note}}',
    'vague-none':
      '{{name}} keeps data in {{region}} and declares no international transfer, but {{region}} reaches beyond the EEA: {{note}}',
  },
  hints: {
    vague: 'Name the countries (one location each), or EEA if the data stays in the EEA.',
    'vague-none': 'If the data stays in the EEA, write place: EEA; otherwise name the countries and their mechanisms.',
  },
  check({ after, facts }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        const region = facts.region(location.place);
        if (!region?.vague) return;
        report({
          messageId: location.mechanism === 'none' ? 'vague-none' : 'vague',
          file: entry,
          path: ['locations', index, 'place'],
          subprocessor: sub.id,
          data: { name: sub.name, region: location.place, note: region.note ?? region.name },
        });
      });
    }
  },
});
