import { coverageAt, coverageBy, isTransfer, type Coverage, type CoverageNote } from '../scripts/engine/coverage.js';
import { derogationArticle, safeguardArticle, toolWords, type Law } from '../scripts/engine/jurisdiction.js';
import { byCitation } from '../scripts/diagnostics/citations.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { readingOf } from '../scripts/engine/settings.js';
import type { DataCategory } from '../scripts/generated/subprocessor.js';
import { categoriesAt, dataCategory } from '../scripts/registry/data-vocabulary.js';
import { mechanismField, mechanismsOf, mechanismWords } from '../scripts/registry/location-mechanisms.js';
import { isKnownPlace, placeLabel } from '../scripts/registry/places.js';

/**
 * The special categories among a list, and the provisions of the law they fall under, from the law's data ("Art. 9
 * and Art. 10" under the GDPR, "Art. 5(c)" for both under the FADP); a law without `articles` cites the GDPR's.
 */
function special(categories: readonly DataCategory[], law: Law): { words: string; article: string; term: string } | undefined {
  const terms = categories.map((id) => dataCategory(id)).filter((term) => term?.special !== undefined);
  if (terms.length === 0) return undefined;
  const cited = law.data.articles;
  const cite = (kind: string | undefined) =>
    kind === 'art-10' ? (cited?.criminalOffences.cite ?? 'Art. 10') : (cited?.specialCategories.cite ?? 'Art. 9');
  const articles = [...new Set(terms.map((term) => cite(term?.special)))].sort(byCitation);
  return {
    words: terms.map((term) => term?.title.toLowerCase() ?? '').join(', '),
    article: articles.join(' and '),
    term: cited?.specialCategories.term ?? 'special-category data',
  };
}

/**
 * Failures invalid-transfer-mechanism reports about the place, the day or the list rather than the mechanism (dpf
 * outside the US, adequacy where no decision holds, a framework judged before it existed, the UK Addendum without
 * the SCCs): the mechanism is one the law accepts for repeated transfers, so here it counts as a safeguard and the
 * finding stays with that policy. An invalidated or unaccepted mechanism counts as none.
 */
const ACCEPTED_ELSEWHERE: ReadonlySet<CoverageNote | undefined> = new Set([
  'framework-elsewhere',
  'no-adequacy',
  'adequacy-ended',
  'adequacy-announced',
  'adequacy-only-through-framework',
  'not-yet-in-force',
  'needs-companion',
]);

function regularBasis(coverage: Coverage): boolean {
  if (coverage.mechanism === 'none') return false;
  return (
    ['adequacy', 'framework', 'safeguard'].includes(coverage.kind) || (coverage.kind === 'none' && ACCEPTED_ELSEWHERE.has(coverage.note))
  );
}

/**
 * Special-category data is the data whose loss harms people most, which is why supervisory authorities expect a
 * safeguard that holds for repeated transfers (not an Art. 49 derogation, which is for occasional ones) and an
 * assessment of the destination's laws before such data leaves the zone (EDPB Recommendations 01/2020).
 */
export default definePolicy({
  id: 'special-category-transfer',
  severity: 'warning',
  perLaw: true,
  description:
    'Special-category data (GDPR Art. 9) or criminal offence data (Art. 10) processed outside a law’s zone needs a transfer mechanism that is not a derogation and a transfer impact assessment.',
  messages: {
    'no-transfer-declared':
      '{{name}} declares no transfer to {{place}} (mechanism: none), yet it is outside the {{zone}}: {{term}} ({{categories}}, {{law}} {{article}}) goes there with no transfer mechanism',
    'missing-mechanism':
      '{{name}} processes {{term}} ({{categories}}, {{law}} {{article}}) in {{place}}, outside the {{zone}}, with {{declared}}',
    derogation:
      '{{name}} relies on an {{derogationArticle}} derogation ({{declared}}) for {{term}} ({{categories}}, {{law}} {{article}}) in {{place}}, outside the {{zone}}; a derogation covers occasional transfers only',
    'missing-tia':
      '{{name}} processes {{term}} ({{categories}}, {{law}} {{article}}) outside the {{zone}} ({{places}}) and gives no transfer impact assessment',
  },
  hints: {
    'no-transfer-declared':
      'Record the mechanism the vendor’s data processing agreement uses for this place (usually {{safeguard}}, or {{framework}} for a certified US vendor), or correct dataCategories if no such data goes there.',
    'missing-mechanism':
      'Record a mechanism that covers repeated transfers ({{safeguardList}}, or {{framework}} for a certified US vendor) on this location.',
    derogation:
      'Record the {{safeguardArticle}} safeguard the data processing agreement uses (usually {{safeguard}}) before the derogation.',
    'missing-tia': 'Add links.transferImpactAssessment with the address of the assessment of the destination’s laws.',
  },
  perEntry: true,
  check({ after, laws, settings, today }, report) {
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      for (const law of laws) {
        const abroad: { index: number; place: string; data: { categories: string; article: string; term: string } }[] = [];
        sub.locations.forEach((location, index) => {
          const found = special(categoriesAt(sub, location), law);
          if (!found || !isKnownPlace(location.place)) return;
          const mechanisms = mechanismsOf(location);
          const question = {
            place: location.place,
            mechanisms,
            users: location.users ?? sub.users,
            laws,
            today,
            everyUserCounts: readingOf(law, settings).reading === 'establishment',
          };
          if (!isTransfer(law, question)) return;
          const data = { categories: found.words, article: found.article, term: found.term };
          const covers = mechanisms.map((mechanism) => coverageBy(law, question, mechanism));
          // The assessment is Step 3 of the EDPB Recommendations 01/2020: for an Art. 46 tool. Where an adequacy
          // decision in force covers the place (adequacy, or a framework such as dpf for its one country), the
          // Recommendations ask for none, so such a place needs no links.transferImpactAssessment.
          if (!covers.some((c) => c.kind === 'adequacy' || c.kind === 'framework'))
            abroad.push({ index, place: placeLabel(location.place), data });
          const tools = toolWords(law);
          const common = {
            name: sub.name,
            place: placeLabel(location.place),
            zone: law.zone,
            law: law.name,
            ...data,
            safeguardList: tools.safeguardList,
            safeguard: tools.safeguard,
            framework: tools.framework,
            safeguardArticle: safeguardArticle(law),
            derogationArticle: derogationArticle(law),
          };
          const at = { file: entry, subprocessor: sub.id, law: law.id };
          if (mechanisms.length === 1 && mechanisms[0] === 'none') {
            if (coverageAt(law, question).kind !== 'none') return;
            report({ ...at, messageId: 'no-transfer-declared', path: ['locations', index, ...mechanismField(location)], data: common });
            return;
          }
          if (covers.some(regularBasis)) return;
          const declared = mechanismWords(mechanisms, 'no mechanism');
          const derogation = covers.some((c) => c.kind === 'derogation');
          report({
            ...at,
            messageId: derogation ? 'derogation' : 'missing-mechanism',
            path: ['locations', index, ...mechanismField(location)],
            data: { ...common, declared: derogation ? declared : mechanisms.length === 0 ? 'no mechanism' : `only ${declared}` },
          });
        });
        const first = abroad[0];
        if (first && !sub.links?.transferImpactAssessment) {
          const articles = [...new Set(abroad.flatMap((a) => a.data.article.split(' and ')))].sort(byCitation).join(' and ');
          const categories = [...new Set(abroad.flatMap((a) => a.data.categories.split(', ')))].join(', ');
          report({
            file: entry,
            subprocessor: sub.id,
            law: law.id,
            messageId: 'missing-tia',
            path: ['locations', first.index],
            data: {
              name: sub.name,
              categories,
              article: articles,
              term: first.data.term,
              law: law.name,
              zone: law.zone,
              places: abroad.map((a) => a.place).join(', '),
            },
          });
        }
      }
    }
  },
});
