import { didYouMean } from '../engine/suggest.js';
import { countryList } from './countries.js';

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

/** EU texts write EL and UK; the registry stores ISO codes. */
const EU_ALIASES: Readonly<Record<string, string>> = { el: 'GR', uk: 'GB' };

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let byName: Map<string, string> | undefined;

function nameIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(REGION_NAMES));
  for (const [alias, code] of Object.entries(EU_ALIASES)) byName.set(alias, code);
  for (const country of countryList().countries) {
    for (const name of [country.code, country.name, ...(country.aliases ?? [])]) {
      const key = normalise(name);
      if (!byName.has(key)) byName.set(key, country.code);
    }
  }
  return byName;
}

export type PlaceMatch = { code: string } | { suggestion?: string };

/** Maps a place as people write it ("USA", "The Netherlands", "World") to a registry place code. */
export function placeCodeOf(name: string): PlaceMatch {
  const index = nameIndex();
  const code = index.get(normalise(name));
  if (code) return { code };
  const near = didYouMean(normalise(name), index.keys());
  if (!near) return {};
  return { suggestion: `"${near}" (${index.get(near) ?? '?'})` };
}
