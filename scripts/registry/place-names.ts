import type { LocaleData } from 'i18n-iso-countries/index.js';
import { didYouMean, editDistance } from '../diagnostics/suggest.js';
import { LOCALE_MODULES, lazyRequire } from './lazy-modules.js';
import { countryList, ISO_ALIASES } from './places.js';

/*
 * How people write places, mapped to the registry's codes. Country names in the EU's most spoken languages come from
 * i18n-iso-countries (only those locales, loaded on first use through lazy-modules.ts, so the action's bundle takes
 * nine small files, not eighty); the registry's own names and aliases (policies/data/countries.json) come first; the
 * regions' names and a few short forms the library lacks are written here.
 */

/**
 * The locales' data as the library ships it (its LocaleData shape), read when the name index is first built: a run
 * whose places are all codes never parses them. Read directly rather than through the library's registerLocale,
 * whose code (and the accent-folding dependency it loads) would cost more still.
 */
const locales = (): readonly LocaleData[] => LOCALE_MODULES.map((id) => lazyRequire(id) as LocaleData);

/** Region names a published page uses, in English, mapped to the registry's region codes: suggested on a typo. */
const REGION_NAMES: Readonly<Record<string, readonly string[]>> = {
  EEA: ['European Economic Area', 'EEA'],
  EU: ['European Union', 'EU'],
  EUROPE: ['Europe'],
  NORTH_AMERICA: ['North America', 'Northern America'],
  WORLD: ['World', 'Worldwide', 'Global'],
};

/** The same regions in the other languages: read, but not suggested ("Mordor" is no typo of Italian "Mondo"). */
const REGION_NAMES_ELSEWHERE: Readonly<Record<string, readonly string[]>> = {
  EEA: [
    'Europäischer Wirtschaftsraum',
    'EWR',
    'Espace économique européen',
    'EEE',
    'Espacio Económico Europeo',
    'Spazio economico europeo',
    'SEE',
    'Europese Economische Ruimte',
    'EER',
    'Europejski Obszar Gospodarczy',
    'EOG',
    'Espaço Económico Europeu',
    'Espaço Econômico Europeu',
    'Europeiska ekonomiska samarbetsområdet',
    'EES',
  ],
  EU: [
    'Europäische Union',
    'Union européenne',
    'UE',
    'Unión Europea',
    'Unione europea',
    'Europese Unie',
    'Unia Europejska',
    'União Europeia',
    'Europeiska unionen',
  ],
  EUROPE: ['Europa'],
  NORTH_AMERICA: [
    'Nordamerika',
    'Amérique du Nord',
    'América del Norte',
    'Nord America',
    'Nordamerica',
    'Noord-Amerika',
    'Ameryka Północna',
    'América do Norte',
  ],
  WORLD: ['Weltweit', 'Monde', 'Mondial', 'Mundial', 'Mundo', 'Mondo', 'Wereldwijd', 'Świat', 'Världen'],
};

/** Short forms in common use that the library's locales lack (it has "États-Unis d'Amérique", not "États-Unis"). */
const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['États-Unis', 'Stati Uniti', 'Estados Unidos da América', 'Förenta staterna'],
  GB: ['Grande-Bretagne', 'Gran Bretaña', 'Gran Bretagna', 'Groot-Brittannië', 'Grã-Bretanha'],
  NL: ['Hollande', 'Holanda', 'Olanda'],
  CZ: ['Tchéquie', 'Cechia'],
};

/** Case, accents, dots, hyphens, apostrophes and a leading article do not tell two places apart. */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .replace(/[-‐–—_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|la|le|les|l'|el|los|las|die|der|das|de|het|il|os) ?(?=\S)/, '')
    .trim();
}

interface Named {
  /** Every code the name was given; more than one makes the name ambiguous. */
  codes: string[];
  /** The name as written in the data, for suggestions. */
  display: string;
}

let byName: Map<string, Named> | undefined;
/** The keys the registry's own vocabulary gives (English names, codes, regions): the pool of suggestions. */
let ownKeys: Set<string> | undefined;

function nameIndex(): Map<string, Named> {
  if (byName) return byName;
  const index = new Map<string, Named>();
  /** The registry's own vocabulary settles a name; a library name only adds codes where the registry is silent. */
  const own = new Set<string>();
  const suggestable = new Set<string>();
  const add = (name: string, code: string, authoritative: boolean, suggest = authoritative) => {
    const key = normalise(name);
    if (!key) return;
    if (suggest) suggestable.add(key);
    const entry = index.get(key);
    if (!entry) {
      index.set(key, { codes: [code], display: name });
      if (authoritative) own.add(key);
    } else if ((authoritative || !own.has(key)) && !entry.codes.includes(code)) entry.codes.push(code);
  };
  for (const [code, names] of Object.entries(REGION_NAMES)) for (const name of names) add(name, code, true);
  for (const [code, names] of Object.entries(REGION_NAMES_ELSEWHERE)) for (const name of names) add(name, code, true, false);
  for (const [alias, code] of Object.entries(ISO_ALIASES)) add(alias, code, true);
  // The registry's own region codes, as the release's CSV writes them (NORTH_AMERICA), so an exported list imports back.
  for (const region of countryList().regions) add(region.code, region.code, true);
  for (const country of countryList().countries) {
    for (const name of [country.code, country.name, ...(country.aliases ?? [])]) add(name, country.code, true);
  }
  for (const locale of locales()) {
    for (const [code, names] of Object.entries(locale.countries)) {
      for (const name of typeof names === 'string' ? [names] : names) add(name, code, false);
    }
  }
  for (const [code, names] of Object.entries(SHORT_FORMS)) for (const name of names) add(name, code, false);
  byName = index;
  ownKeys = suggestable;
  return index;
}

const normalise = normalisePlaceName;

export type PlaceMatch = { code: string } | { ambiguous: readonly string[] } | { suggestion?: string; suggestedCode?: string };

/**
 * Maps a place as people write it ("USA", "The Netherlands", "Allemagne", "Vereinigte Staaten", "World") to a
 * registry place code. A name two countries share (Congo) is ambiguous rather than a guess.
 */
export function placeCodeOf(name: string): PlaceMatch {
  const index = nameIndex();
  const found = index.get(normalise(name));
  if (found) {
    const [code, ...others] = found.codes;
    if (code !== undefined && others.length === 0) return { code };
    return { ambiguous: found.codes };
  }
  // A typo of a name in another language is suggested only one edit away: with two thousand names in nine
  // languages, two edits turn any fantasy name into some country ("Narnia" into Polish "Dania").
  const key = normalise(name);
  const near = didYouMean(key, ownKeys ?? []) ?? [...index.keys()].find((k) => editDistance(key, k) === 1);
  const match = near === undefined ? undefined : index.get(near);
  const code = match?.codes.length === 1 ? match.codes[0] : undefined;
  return match && code ? { suggestion: `"${match.display}" (${code})`, suggestedCode: code } : {};
}

/** The code a name certainly means, or undefined: no suggestion is looked for (the importer tries many splits). */
export function exactPlaceCode(name: string): string | undefined {
  const codes = nameIndex().get(normalise(name))?.codes;
  return codes?.length === 1 ? codes[0] : undefined;
}

/** Every name the index knows that more than one code claims: for the test that keeps the vocabulary unambiguous. */
export function ambiguousPlaceNames(): [string, readonly string[]][] {
  return [...nameIndex()].filter(([, n]) => n.codes.length > 1).map(([, n]) => [n.display, n.codes]);
}
