import type { Location, Subprocessor } from '../scripts/generated/subprocessor.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { placeLabel } from '../scripts/engine/place-label.js';
import type { TransferFacts } from '../scripts/engine/transfer-facts.js';

type Finding =
  | 'none-outside-eea'
  | 'dpf-outside-us'
  | 'no-adequacy'
  | 'adequacy-expired'
  | 'adequacy-announced'
  | 'adequacy-partial'
  | 'adequacy-for-us'
  | 'invalidated'
  | 'derogation'
  | 'unnecessary';

/** Which finding, if any, one location's mechanism deserves: the decision table of domain.md, rules 2 to 5. */
function judge(sub: Subprocessor, location: Location, facts: TransferFacts, today: string): Finding | undefined {
  const { place, mechanism } = location;
  // An unknown code (UK, EL, XX) is unknown-country's finding; judging it here would only add noise.
  if (mechanism === undefined || !facts.isKnownPlace(place)) return undefined;
  if (facts.invalidation(mechanism)) return 'invalidated';
  const inEea = facts.isWithinEea(place);
  if (inEea) return mechanism === 'none' ? undefined : 'unnecessary';
  const gdprData = facts.carriesGdprData(location.users ?? sub.users);
  switch (mechanism) {
    case 'none':
      // EUROPE with none is a vague place rather than a contradiction: vague-location says so.
      return gdprData && place !== 'EUROPE' ? 'none-outside-eea' : undefined;
    case 'dpf':
      return place === 'US' ? undefined : 'dpf-outside-us';
    case 'adequacy': {
      if (place === 'US') return 'adequacy-for-us';
      const decision = facts.adequacy(place);
      if (!decision) return 'no-adequacy';
      if (decision.status === 'announced') return 'adequacy-announced';
      if (!facts.adequacyInForce(place, today)) return 'adequacy-expired';
      return decision.scope === 'partial' ? 'adequacy-partial' : undefined;
    }
    case 'derogation':
      return 'derogation';
    default:
      return undefined;
  }
}

export default definePolicy({
  id: 'invalid-transfer-mechanism',
  severity: 'error',
  description: 'The transfer mechanism given for a place contradicts the place, the law or the courts.',
  severities: {
    'adequacy-announced': 'warning',
    'adequacy-partial': 'warning',
    'adequacy-for-us': 'warning',
    derogation: 'warning',
    unnecessary: 'info',
  },
  messages: {
    'none-outside-eea':
      '{{name}} says "none" (no international transfer) for {{place}}, which is outside the EEA and receives data of EEA users',
    'dpf-outside-us': 'dpf (EU-US Data Privacy Framework) covers transfers to the United States only, not to {{place}}',
    'no-adequacy': '{{place}} has no EU adequacy decision, so "adequacy" cannot cover {{name}}\'s transfers there',
    'adequacy-expired': 'the adequacy decision for {{place}} ({{decision}}) ended on {{endsOn}}',
    'adequacy-announced': 'the adequacy decision for {{place}} was announced ({{announced}}) but is not recorded as in force',
    'adequacy-partial': 'the adequacy decision for {{place}} is partial ({{scope}}): confirm that {{name}} is covered',
    'adequacy-for-us':
      'for the United States, adequacy applies only through the Data Privacy Framework: record dpf if {{name}} is certified',
    invalidated: '{{mechanism}} ({{mechanismName}}) has been invalid since {{date}} ({{judgment}})',
    derogation: "an Art. 49 derogation allows occasional transfers only, not the regular basis for {{name}}'s processing in {{place}}",
    unnecessary: '{{place}} is inside the EEA: no transfer mechanism is needed ({{mechanism}} given)',
  },
  hints: {
    'none-outside-eea':
      'Give the mechanism that covers {{place}} (scc, bcr, dpf for certified US vendors, adequacy where a decision exists), or scope the location to non-EEA users with "users:".',
    'dpf-outside-us': 'Use scc or bcr for {{place}}, or adequacy where a decision covers it.',
    'no-adequacy': 'Use scc or bcr for {{place}}.',
    'adequacy-expired': 'Use scc or bcr, or record a renewed decision in policies/data/gdpr-transfers.json.',
    'adequacy-announced': 'Rely on scc or bcr until the decision is in force, then update policies/data/gdpr-transfers.json.',
    'adequacy-partial': 'If {{name}} is outside that scope, use scc or bcr; otherwise waive this finding with the reason.',
    'adequacy-for-us': 'Replace adequacy with dpf (certified vendors) or scc.',
    invalidated: 'Replace it with the mechanism now in place: dpf for a certified US vendor, otherwise scc or bcr.',
    derogation: 'Put scc or bcr in place for regular transfers.',
    unnecessary: 'Write mechanism: none.',
  },
  check({ after, facts, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        const finding = judge(sub, location, facts, today);
        if (!finding) return;
        const decision = facts.adequacy(location.place);
        const invalidation = location.mechanism ? facts.invalidation(location.mechanism) : undefined;
        report({
          messageId: finding,
          file: entry,
          path: ['locations', index, 'mechanism'],
          subprocessor: sub.id,
          data: {
            name: sub.name,
            place: placeLabel(location.place, facts),
            mechanism: location.mechanism ?? '',
            decision: decision?.decision ?? '',
            endsOn: decision?.endsOn ?? '',
            announced: decision?.announced ?? '',
            scope: decision?.scopeNote ?? '',
            mechanismName: invalidation?.name ?? '',
            date: invalidation?.invalidatedOn ?? '',
            judgment: invalidation?.judgment ?? '',
          },
        });
      });
    }
  },
});
