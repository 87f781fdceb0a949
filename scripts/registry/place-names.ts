import { didYouMean } from '../diagnostics/suggest.js';
import { countryList, ISO_ALIASES } from './places.js';

/** Region names a published page uses, mapped to the registry's region codes. */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'european economic area': 'EEA',
  eea: 'EEA',
  'european union': 'EU',
  eu: 'EU',
  europe: 'EUROPE',
  'north america': 'NORTH_AMERICA',
  'northern america': 'NORTH_AMERICA',
  world: 'WORLD',
  worldwide: 'WORLD',
  global: 'WORLD',
};

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Named {
  code: string;
  /** The name as written in the data, for suggestions. */
  display: string;
}

let byName: Map<string, Named> | undefined;

function nameIndex(): Map<string, Named> {
  if (byName) return byName;
  const index = new Map<string, Named>();
  const add = (name: string, code: string) => {
    const key = normalise(name);
    if (!index.has(key)) index.set(key, { code, display: name });
  };
  for (const [name, code] of Object.entries(REGION_NAMES)) add(name.replace(/\b\w/g, (c) => c.toUpperCase()), code);
  for (const [alias, code] of Object.entries(ISO_ALIASES)) add(alias, code);
  // The registry's own region codes, as the release's CSV writes them (NORTH_AMERICA), so an exported list imports back.
  for (const region of countryList().regions) add(region.code, region.code);
  for (const country of countryList().countries) {
    for (const name of [country.code, country.name, ...(country.aliases ?? [])]) add(name, country.code);
  }
  byName = index;
  return index;
}

export type PlaceMatch = { code: string } | { suggestion?: string; suggestedCode?: string };

/** Maps a place as people write it ("USA", "The Netherlands", "World") to a registry place code. */
export function placeCodeOf(name: string): PlaceMatch {
  const index = nameIndex();
  const found = index.get(normalise(name));
  if (found) return { code: found.code };
  const near = didYouMean(normalise(name), index.keys());
  const match = near === undefined ? undefined : index.get(near);
  return match ? { suggestion: `"${match.display}" (${match.code})`, suggestedCode: match.code } : {};
}
