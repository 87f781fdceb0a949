import type { Location, TransferMechanism } from '../generated/subprocessor.js';
import { mechanismsOf } from '../registry/location-mechanisms.js';
import { countryList, regionOf } from '../registry/places.js';

/**
 * Each mechanism as a reader of the published list says it. Worded so that `subproc import` maps each back
 * (scripts/registry/mechanism-wording.ts), for a list whose code columns were dropped in a spreadsheet.
 */
const MECHANISM_NAMES = {
  none: 'No international transfer',
  adequacy: 'Adequacy decision',
  dpf: 'EU-US Data Privacy Framework',
  scc: 'Standard Contractual Clauses',
  bcr: 'Binding Corporate Rules',
  'code-of-conduct': 'Approved code of conduct',
  certification: 'Approved certification',
  'ad-hoc-clauses': 'Ad hoc contractual clauses',
  derogation: 'Art. 49 derogation',
  'dpf-uk': 'UK Extension to the EU-US Data Privacy Framework',
  'dpf-ch': 'Swiss-US Data Privacy Framework',
  'uk-idta': 'International Data Transfer Agreement',
  'uk-addendum': 'UK Addendum to the EU SCCs',
  'privacy-shield': 'EU-US Privacy Shield',
  'safe-harbor': 'Safe Harbor',
} as const satisfies Record<TransferMechanism, string>;

/** "UK Addendum to the EU SCCs": one mechanism id as the published list names it; an id it does not know stays as written. */
export function mechanismName(id: string): string {
  return (MECHANISM_NAMES as Readonly<Record<string, string>>)[id] ?? id;
}

/** The names that are plural nouns, so that a sentence about one agrees: "the Standard Contractual Clauses are". */
const PLURAL_NAMES: ReadonlySet<string> = new Set<TransferMechanism>(['scc', 'bcr', 'ad-hoc-clauses']);

/** "is" or "are", "has" or "have": the verb that agrees with a mechanism's name as mechanismName gives it. */
export function agreeing(id: string, singular: 'is' | 'has' | 'covers'): string {
  if (!PLURAL_NAMES.has(id)) return singular;
  return { is: 'are', has: 'have', covers: 'cover' }[singular];
}

let names: Map<string, string> | undefined;

/** "Ireland", "United States of America", "Europe": the code itself when the list has no name for it. */
export function placeName(code: string): string {
  names ??= new Map(countryList().countries.map((c) => [c.code, c.name]));
  return names.get(code) ?? regionOf(code)?.name ?? code;
}

/** "users in Europe, North America", or '' for data not scoped to some users. */
export function usersWords(users: readonly string[] | undefined): string {
  return users && users.length > 0 ? `users in ${users.map(placeName).join(', ')}` : '';
}

/** "Ireland (users in Europe)": a location's place in words, with the users whose data goes there. */
export function locationWords(location: Pick<Location, 'place' | 'users'>): string {
  const scope = usersWords(location.users);
  return scope ? `${placeName(location.place)} (${scope})` : placeName(location.place);
}

/** "EU-US Data Privacy Framework, else Standard Contractual Clauses"; `unknown` while none is given. */
export function mechanismNames(location: Pick<Location, 'mechanism' | 'mechanisms'>, unknown: string): string {
  const mechanisms = mechanismsOf(location);
  return mechanisms.length === 0 ? unknown : mechanisms.map((m) => MECHANISM_NAMES[m]).join(', else ');
}
