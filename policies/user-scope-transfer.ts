import { coverageAt, isTransfer } from '../scripts/engine/coverage.js';
import { toolWords } from '../scripts/engine/jurisdiction.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { readingOf } from '../scripts/engine/settings.js';
import { mechanismField, mechanismsOf } from '../scripts/registry/location-mechanisms.js';
import { isKnownPlace, placeLabel } from '../scripts/registry/places.js';

/**
 * GDPR Art. 3(1) and EDPB Guidelines 05/2021 (v2.0, 2023-02-14): a transfer is an exporter subject to the GDPR for
 * the processing, a disclosure to another controller or processor, and an importer in a third country. Where the
 * data subjects live is no criterion, so a controller established in the zone that sends its US users' data to a
 * US vendor very probably makes a transfer. The other transfer policies judge as before (a user scope outside the
 * zone exempts a place); this one names the places only that scope exempts, when the controller's establishment
 * says every user's data counts. Counsel who read it otherwise set `transferScope: users-in-zone`.
 */
export default definePolicy({
  id: 'user-scope-transfer',
  severity: 'warning',
  perLaw: true,
  description:
    'A place outside a law’s zone has no mechanism (or "none") only because its users live outside the zone, yet the publisher (controller or processor) is established inside it (GDPR Art. 3(1)).',
  messages: {
    'scope-exempts':
      '{{name}} sends only the data of users in {{users}} to {{place}}, outside the {{zone}}, with {{declared}}; the {{publisher}} is established in {{establishment}}, so under {{law}} {{territorial}} {{whose}} counts and this is very probably a transfer (EDPB Guidelines 05/2021: where the users live is no criterion)',
  },
  hints: {
    'scope-exempts':
      'Record the mechanism the vendor’s data processing agreement uses (usually {{safeguard}}, or {{framework}} for a certified US vendor). If counsel reads Art. 3 otherwise, set transferScope: users-in-zone in registry.yaml, and every report will say so.',
  },
  perEntry: true,
  check({ after, laws, settings, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        const mechanisms = mechanismsOf(location);
        if (mechanisms.some((m) => m !== 'none')) return;
        if (!isKnownPlace(location.place)) return;
        const scope = location.users ?? sub.users;
        for (const law of laws) {
          if (readingOf(law, settings).reading !== 'establishment') continue;
          const question = { place: location.place, mechanisms, users: scope, laws, today };
          // Only the places the user scope alone exempts: a transfer under the establishment's reading, none without
          // it, and then uncovered ("none" for the UK under the EU GDPR is its adequacy when the UK GDPR holds it).
          if (isTransfer(law, question) || coverageAt(law, { ...question, everyUserCounts: true }).kind !== 'none') continue;
          report({
            messageId: 'scope-exempts',
            file: entry,
            path: ['locations', index, ...mechanismField(location)],
            subprocessor: sub.id,
            law: law.id,
            data: {
              name: sub.name,
              users: (scope ?? []).join(', '),
              place: placeLabel(location.place),
              zone: law.zone,
              declared: mechanisms.length === 0 ? 'no mechanism' : '"none" (no international transfer)',
              establishment: settings.establishment ?? '?',
              publisher: settings.role,
              // A processor's users are its customers' users: what counts is all it processes for them.
              whose: settings.role === 'processor' ? 'all it processes for its customers' : 'every user’s data',
              law: law.name,
              territorial: law.data.articles?.territorialScope.cite ?? 'Art. 3(1)',
              safeguard: toolWords(law).safeguard,
              framework: toolWords(law).framework,
            },
          });
        }
      });
    }
  },
});
