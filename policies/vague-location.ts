import { definePolicy } from '../scripts/engine/policy.js';
import { mechanismsOf } from '../scripts/registry/location-mechanisms.js';
import { regionOf } from '../scripts/registry/places.js';

/** A region such as WORLD or EUROPE tells a customer nothing about which laws their data meets. */
export default definePolicy({
  id: 'vague-location',
  severity: 'warning',
  description: 'A location names a region that hides where data is (WORLD, EUROPE, NORTH_AMERICA) instead of countries.',
  messages: {
    vague: '{{name}} keeps data in {{region}}, which does not say where: {{note}}',
    'vague-none':
      '{{name}} keeps data in {{region}} and declares no international transfer, but {{region}} reaches beyond the {{zone}}: {{note}}',
  },
  hints: {
    vague: 'Name the countries (one location each), or {{zone}} if the data stays in the {{zone}}.',
    'vague-none': 'If the data stays in the {{zone}}, write place: {{zone}}; otherwise name the countries and their mechanisms.',
  },
  perEntry: true,
  check({ after, laws }, report) {
    // The zone a contributor is pointed to: the first declared law's (the EEA under the EU GDPR). A vague place is one
    // finding whatever the laws, not one per law; the per-law transfer policies judge the countries once they are named.
    const zone = laws[0]?.zone ?? 'EEA';
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        const region = regionOf(location.place);
        if (!region?.vague) return;
        report({
          messageId: mechanismsOf(location).includes('none') ? 'vague-none' : 'vague',
          file: entry,
          path: ['locations', index, 'place'],
          subprocessor: sub.id,
          data: { name: sub.name, region: location.place, note: region.note ?? region.name, zone },
        });
      });
    }
  },
});
