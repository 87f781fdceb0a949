import { coverageBy, possibleCover, type Coverage, type CoverageNote } from '../scripts/engine/coverage.js';
import {
  derogationArticle,
  safeguards,
  safeguardWords,
  standaloneSafeguards,
  toolWords,
  type Law,
} from '../scripts/engine/jurisdiction.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { readingOf } from '../scripts/engine/settings.js';
import { mechanismField, mechanismPath, mechanismsOf, mechanismWords } from '../scripts/registry/location-mechanisms.js';
import { isKnownPlace, placeLabel } from '../scripts/registry/places.js';

type Verdict =
  | 'none-outside-eea'
  | 'dpf-outside-us'
  | 'no-adequacy'
  | 'adequacy-expired'
  | 'adequacy-announced'
  | 'adequacy-partial'
  | 'adequacy-for-us'
  | 'invalidated'
  | 'derogation'
  | 'not-accepted'
  | 'not-yet-in-force'
  | 'needs-companion'
  | 'unnecessary';

/**
 * Verdicts that doubt whether a mechanism covers this vendor rather than say it cannot: moot when another mechanism
 * of the same location holds there, since the agreement falls back to it ("adequacy, else scc" for a partial
 * decision). A mechanism that cannot be valid at the place (dpf outside the US, an invalidated one, adequacy where no
 * decision exists) stays a finding whatever else is listed: the published list would name it as a basis.
 */
const DOUBTS: ReadonlySet<Verdict> = new Set(['adequacy-announced', 'adequacy-partial', 'adequacy-for-us', 'derogation', 'not-accepted']);

/** Why a mechanism covers nothing, as this policy's message ids; undefined where another policy speaks or no mechanism is given. */
const FAILURES: Readonly<Record<CoverageNote, Verdict | undefined>> = {
  invalidated: 'invalidated',
  'framework-elsewhere': 'dpf-outside-us',
  'none-outside-zone': 'none-outside-eea',
  'no-adequacy': 'no-adequacy',
  'adequacy-only-through-framework': 'adequacy-for-us',
  'adequacy-announced': 'adequacy-announced',
  'adequacy-ended': 'adequacy-expired',
  'not-accepted': 'not-accepted',
  // EUROPE with none is a vague place rather than a contradiction: vague-location says so.
  'vague-place': undefined,
  'no-mechanism': undefined,
  'adequacy-partial': 'adequacy-partial',
  'occasional-only': 'derogation',
  'not-yet-in-force': 'not-yet-in-force',
  'needs-companion': 'needs-companion',
};

/** Which finding, if any, a mechanism's cover deserves: the decision table of domain.md, rules 2 to 5, made by coverageBy. */
function verdictOf(coverage: Coverage, mechanism: string): Verdict | undefined {
  if (coverage.kind === 'inside-zone') return mechanism === 'none' ? undefined : 'unnecessary';
  return coverage.note === undefined ? undefined : FAILURES[coverage.note];
}

/** What a law takes for a place, from its data: the framework for its country, else its safeguards. */
function accepted(law: Law, place: string, today: string): string {
  const { framework } = possibleCover(law, place, today);
  const ids = safeguards(law).map(safeguardWords);
  const list = ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids.at(-1) ?? ''}` : (ids[0] ?? '');
  return framework ? `${framework.mechanism} (${framework.name}) if the vendor takes part in it, otherwise ${list}` : list;
}

/** The law's first two safeguards already in force on a day, for a mechanism judged before its start date. */
function inForceOn(law: Law, today: string): string {
  const ids = safeguards(law)
    .filter((m) => law.notYetInForce(m.id, today) === undefined)
    .slice(0, 2)
    .map(safeguardWords);
  // Never the date itself: a per-entry finding names the day judged only through the laws' dates (law-dates.ts).
  return ids.length > 0 ? ids.join(' or ') : 'a safeguard in force on the day judged';
}

/** Message ids predate the jurisdictions: "eea", "dpf" and "us" name the EU GDPR's case, the data names the law's. */
export default definePolicy({
  id: 'invalid-transfer-mechanism',
  severity: 'error',
  perLaw: true,
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
      '{{name}} says "none" (no international transfer) for {{place}}, which is outside the {{zone}} and receives data of people the {{law}} protects',
    'dpf-outside-us': '{{mechanism}} ({{frameworkName}}) covers transfers to {{frameworkCountry}} only, not to {{place}}{{underLaw}}',
    'no-adequacy': '{{place}} has no {{law}} adequacy decision, so "adequacy" cannot cover {{name}}\'s transfers there',
    'adequacy-expired': 'the adequacy decision for {{place}} ({{decision}}) ended on {{endsOn}}{{underLaw}}',
    'adequacy-announced': 'the adequacy decision for {{place}} was announced ({{announced}}) but is not recorded as in force{{underLaw}}',
    'adequacy-partial': 'the adequacy decision for {{place}} is partial ({{scope}}): confirm that {{name}} is covered{{underLaw}}',
    'adequacy-for-us':
      'for {{place}}, adequacy applies only through the {{frameworkName}}: record {{frameworkMechanism}} if {{name}} is certified{{underLaw}}',
    invalidated: '{{mechanism}} ({{mechanismName}}) has been invalid since {{date}} ({{judgment}}){{underLaw}}',
    derogation:
      "an {{derogationArticle}} derogation allows occasional transfers only, not the regular basis for {{name}}'s processing in {{place}}{{underLaw}}",
    'not-accepted':
      "{{mechanism}} is not a transfer mechanism under the {{law}}, and nothing else listed for {{place}} is: {{name}}'s transfers there have no basis under the {{law}}",
    unnecessary: '{{place}} is inside the {{zone}}: no transfer mechanism is needed ({{mechanism}} given){{underLaw}}',
    'not-yet-in-force':
      "{{mechanism}} ({{basisName}}) came into force only on {{inForceFrom}}, after the day judged: it covers none of {{name}}'s transfers to {{place}} before then{{underLaw}}",
    'needs-companion':
      '{{mechanism}} ({{basisName}}) only amends {{companion}} and is no safeguard alone, but {{place}} does not list {{companion}} for {{name}}{{underLaw}}',
  },
  hints: {
    'none-outside-eea':
      'Give the mechanism that covers {{place}} ({{safeguardList}}, {{framework}} for certified US vendors, adequacy where a decision exists). A "users:" scope outside the {{zone}} exempts it only for a controller established outside the {{zone}} (Art. 3(2)).',
    'dpf-outside-us': 'Use {{safeguards}} for {{place}}, or adequacy where a decision covers it.',
    'no-adequacy': 'Use {{safeguards}} for {{place}}.',
    'adequacy-expired': 'Use {{safeguards}}, or record a renewed decision in {{dataFile}}.',
    'adequacy-announced': 'Rely on {{safeguards}} until the decision is in force, then update {{dataFile}}.',
    'adequacy-partial': 'If {{name}} is outside that scope, use {{safeguards}}; otherwise waive this finding with the reason.',
    'adequacy-for-us': 'Replace adequacy with {{frameworkMechanism}} (certified vendors) or {{safeguard}}.',
    invalidated: 'Replace it with the mechanism now in place: {{framework}} for a certified US vendor, otherwise {{safeguards}}.',
    derogation: 'Put {{safeguards}} in place for regular transfers.',
    'not-accepted': 'Add to "mechanisms:" what the {{law}} accepts for {{place}}: {{accepted}}.',
    unnecessary: 'Write mechanism: none.',
    'not-yet-in-force': 'Judge a day from {{inForceFrom}} on, or give the mechanism that was in place then: {{inForceThen}}.',
    'needs-companion': 'Add {{companion}} beside it in "mechanisms:" (the agreement must incorporate both), or use {{standalone}} instead.',
  },
  perEntry: true,
  check({ after, laws, settings, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      sub.locations.forEach((location, index) => {
        // An unknown code (UK, EL, XX) is unknown-country's finding; judging it here would only add noise.
        if (!isKnownPlace(location.place)) return;
        const mechanisms = mechanismsOf(location);
        const question = { place: location.place, mechanisms, users: location.users ?? sub.users, laws, today };
        for (const law of laws) {
          // Where the establishment makes every user's data count (Art. 3(1)), a user scope outside the zone exempts no
          // mechanism from judgement; "none" there stays user-scope-transfer's warning, as it always was.
          const everyUserCounts = readingOf(law, settings).reading === 'establishment';
          const verdicts = mechanisms.map((mechanism) =>
            verdictOf(coverageBy(law, mechanism === 'none' ? question : { ...question, everyUserCounts }, mechanism), mechanism),
          );
          const covered = verdicts.includes(undefined);
          mechanisms.forEach((mechanism, at) => {
            const verdict = verdicts[at];
            if (!verdict || (covered && DOUBTS.has(verdict))) return;
            // Inside the zone the whole list is unnecessary, not each of its items: one finding, at the field.
            if (verdict === 'unnecessary' && verdicts.indexOf('unnecessary') !== at) return;
            const unnecessary = verdict === 'unnecessary';
            const decision = law.adequacy(location.place);
            const invalidation = law.invalidation(mechanism);
            const basis = law.basis(mechanism);
            const framework =
              law.framework(mechanism) ?? (decision?.onlyThrough !== undefined ? law.framework(decision.onlyThrough) : undefined);
            report({
              messageId: verdict,
              file: entry,
              path: ['locations', index, ...(unnecessary ? mechanismField(location) : mechanismPath(location, at))],
              subprocessor: sub.id,
              law: law.id,
              data: {
                name: sub.name,
                place: placeLabel(location.place),
                mechanism: unnecessary ? mechanismWords(mechanisms) : mechanism,
                law: law.name,
                zone: law.zone,
                dataFile: law.source.file,
                decision: decision?.decision ?? '',
                endsOn: decision?.endsOn ?? '',
                announced: decision?.announced ?? '',
                scope: decision?.scopeNote ?? '',
                mechanismName: invalidation?.name ?? '',
                date: invalidation?.invalidatedOn ?? '',
                judgment: invalidation?.judgment ?? '',
                frameworkName: framework?.name ?? '',
                frameworkMechanism: framework?.mechanism ?? '',
                frameworkCountry: framework ? placeLabel(framework.country) : '',
                accepted: accepted(law, location.place, today),
                derogationArticle: derogationArticle(law),
                basisName: basis?.name ?? '',
                inForceFrom: law.notYetInForce(mechanism, today, location.place) ?? '',
                inForceThen: inForceOn(law, today),
                companion: basis?.onlyBeside?.mechanism ?? '',
                standalone: standaloneSafeguards(law)[0]?.id ?? '',
                ...toolWords(law),
                // Alone, the EU GDPR's messages read as they always have; beside another law, each says whose finding it is.
                underLaw: laws.length > 1 ? ` (${law.name})` : '',
              },
            });
          });
        }
      });
    }
  },
});
