import type { Coverage, DeclaredLaw, Release } from '../generated/release.js';
import { agreeing, mechanismName } from './list-words.js';

/*
 * What covers a place under a law, in words for the page and the CSV, from the release document alone (its
 * `jurisdictions` and each location's `coverage`, schema 1.5.0): a reader of an old document, or of one built under a
 * law this package has no data for, gets the same words as the build did.
 */

/** "Art. 46(2)(d)" from "Art. 46(2)(d), DPA 2018 s.119A (in force 2022-03-21)": the article a reader looks up. */
function leadingArticle(article: string | undefined): string | undefined {
  return article === undefined ? undefined : (/^Art\. \d+[A-Z]?(\(\d+\))?(\([a-z]\))?/.exec(article)?.[0] ?? article);
}

function named(coverage: Coverage): string {
  const name = mechanismName(coverage.mechanism ?? '');
  const article = leadingArticle(coverage.article);
  return article === undefined ? name : `${name} (${article})`;
}

/** Why nothing covers the place, as a reader would say it. */
function reason(coverage: Coverage, law: DeclaredLaw): string {
  const id = coverage.mechanism ?? '';
  const name = mechanismName(id);
  switch (coverage.note) {
    case 'none-outside-zone':
      return `"no international transfer" is given, but the place is outside the ${law.zone}`;
    case 'vague-place':
      return 'the place is too vague to judge';
    case 'framework-elsewhere':
      return `the ${name} ${agreeing(id, 'covers')} another country`;
    case 'no-adequacy':
      return `no ${law.name} adequacy decision covers the place`;
    case 'adequacy-ended':
      return 'its adequacy decision has ended';
    case 'adequacy-announced':
      return 'its adequacy decision is announced, not in force';
    case 'adequacy-only-through-framework':
      return 'adequacy applies there only to vendors in its framework';
    case 'invalidated':
      return `the ${name} ${agreeing(id, 'has')} been invalidated`;
    case 'not-accepted':
      return `the ${name} ${agreeing(id, 'is')} not a transfer mechanism under the ${law.name}`;
    case 'not-yet-in-force':
      return `the ${name} ${agreeing(id, 'is')} not yet in force under the ${law.name}`;
    case 'needs-companion':
      return `the ${name} ${agreeing(id, 'is')} no safeguard alone, and the document amended is not listed beside it`;
    default:
      return 'no transfer mechanism is given';
  }
}

/** What covers one place under one law: "UK Addendum to the EU SCCs (Art. 46(2)(d))", "inside the EEA", "not covered (…)". */
export function coverageWords(coverage: Coverage, law: DeclaredLaw): string {
  switch (coverage.kind) {
    case 'inside-zone':
      return `no transfer: inside the ${law.zone}`;
    case 'not-a-transfer':
      return `no transfer: no data of users in the ${law.zone}`;
    case 'adequacy': {
      const decision = coverage.decision === undefined ? 'Adequacy decision' : `Adequacy decision (${coverage.decision})`;
      return coverage.note === 'adequacy-partial' ? `${decision}, partial: to confirm for this vendor` : decision;
    }
    case 'derogation':
      return `${named(coverage)}, for occasional transfers only`;
    case 'framework':
    case 'safeguard':
      return named(coverage);
    case 'none':
      return `not covered: ${reason(coverage, law)}`;
  }
}

/** The declared laws of a document, by id; empty for a document before schema 1.5.0. */
export function declaredLaws(doc: Pick<Release, 'jurisdictions'>): readonly DeclaredLaw[] {
  return doc.jurisdictions ?? [];
}

/**
 * Whether the page says what covers each place under each law: when the registry declares more than the EU GDPR,
 * whose coverage the mechanism's own words already state. A list under the EU GDPR alone looks as it always has.
 */
export function showsCoverage(doc: Pick<Release, 'jurisdictions'>): boolean {
  const laws = declaredLaws(doc);
  return laws.length > 1 || (laws.length === 1 && laws[0]?.id !== 'eu-gdpr');
}

/** One location's coverage under one declared law, or undefined when the document does not say. */
export function coverageUnder(location: { readonly coverage?: readonly Coverage[] }, law: DeclaredLaw): Coverage | undefined {
  return location.coverage?.find((c) => c.law === law.id);
}

/** "framework dpf", "inside-zone", "none dpf": the coverage of one place in codes, for the CSV's code column. */
export function coverageCodes(coverage: Coverage | undefined): string {
  if (!coverage) return '';
  return coverage.mechanism === undefined ? coverage.kind : `${coverage.kind} ${coverage.mechanism}`;
}
