import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lawOf, transferDataFile, type Jurisdiction, type Law } from '../engine/jurisdiction.js';
import type { DataCategory, DataSubject, Location } from '../generated/subprocessor.js';
import type { Release } from '../generated/release.js';
import { mechanismsOf } from '../registry/location-mechanisms.js';
import { countryList, regionOf } from '../registry/places.js';
import { dataCategory, subjectLabel } from '../registry/data-vocabulary.js';
import { packageRoot } from '../paths.js';

/*
 * The page speaks words, not codes: place names from the country list (policies/data/countries.json) and mechanism
 * names with their articles from the laws' data (policies/data/transfers/ID.json), so the page and the policies
 * cannot name a place or a legal basis differently.
 */

let names: Map<string, string> | undefined;

/** "United States of America", "North America"; an unknown code stays as written. */
export function placeName(code: string): string {
  names ??= new Map(countryList().countries.map((c) => [c.code, c.name]));
  return names.get(code) ?? regionOf(code)?.name ?? code;
}

/** "users in Europe and North America". */
export function usersWords(scope: readonly string[]): string {
  const places = scope.map(placeName);
  const last = places.pop();
  return `users in ${places.length > 0 ? `${places.join(', ')} and ${last ?? ''}` : (last ?? '')}`;
}

/** "Ireland (users in Europe)": a location's place, with whose data goes there when it is scoped. */
export function locationWords(location: Pick<Location, 'place' | 'users'>): string {
  return `${placeName(location.place)}${location.users ? ` (${usersWords(location.users)})` : ''}`;
}

const laws = new Map<string, Law | undefined>();

/** A law the package ships data for, by id; undefined for an id with no data file (a document from elsewhere). */
function shippedLaw(id: string): Law | undefined {
  if (!laws.has(id)) {
    let law: Law | undefined;
    if (/^[a-z0-9-]+$/.test(id)) {
      try {
        law = lawOf(JSON.parse(readFileSync(join(packageRoot, transferDataFile(id)), 'utf8')) as Jurisdiction);
      } catch {
        law = undefined;
      }
    }
    laws.set(id, law);
  }
  return laws.get(id);
}

/** The laws the document names its legal bases under (schema 1.2.0 on); an older document names none. */
export function documentLaws(doc: Release): Law[] {
  return [...new Set((doc.legalBases ?? []).map((b) => b.law))].sort().flatMap((id) => shippedLaw(id) ?? []);
}

/**
 * One mechanism in words with its legal reference under each law: "Standard Contractual Clauses (EU GDPR Art.
 * 46(2)(c), Decision (EU) 2021/914)". A mechanism a court struck down says so; none means the data stays put.
 */
export function mechanismWords(mechanism: string, under: readonly Law[]): string {
  if (mechanism === 'none') return 'no international transfer';
  for (const law of under) {
    const basis = law.basis(mechanism);
    if (basis !== undefined) return `${basis.name} (${law.name} ${basis.article})`;
    const invalidation = law.invalidation(mechanism);
    if (invalidation !== undefined)
      return `${invalidation.name} (invalidated by ${invalidation.judgment} on ${invalidation.invalidatedOn})`;
  }
  return mechanism;
}

/** A location's mechanisms in their order of preference, in words; "not given" while unknown. */
export function locationMechanismWords(
  location: Pick<Location, 'mechanism' | 'mechanisms' | 'mechanismDetail'>,
  under: readonly Law[],
): string {
  const mechanisms = mechanismsOf(location);
  const words = mechanisms.length === 0 ? 'not given' : mechanisms.map((m) => mechanismWords(m, under)).join(', else ');
  return location.mechanismDetail ? `${words}: ${location.mechanismDetail}` : words;
}

/**
 * A data category in words, its special status spelled out for a reader who does not know the article numbers:
 * "Health data (special category, GDPR Art. 9)", "Criminal convictions and offences (GDPR Art. 10)".
 */
export function categoryWords(id: DataCategory): string {
  const term = dataCategory(id);
  if (!term) return id;
  if (term.special === 'art-9') return `${term.title} (special category, GDPR Art. 9)`;
  if (term.special === 'art-10') return `${term.title} (GDPR Art. 10)`;
  return term.title;
}

/** "End users, customers": whose data, in words. */
export function subjectsWords(ids: readonly DataSubject[]): string {
  return ids.map((id, i) => (i === 0 ? subjectLabel(id) : subjectLabel(id).toLowerCase())).join(', ');
}
