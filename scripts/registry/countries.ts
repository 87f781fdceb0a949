import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryList } from '../generated/countries.js';
import { packageRoot } from '../paths.js';

export const COUNTRIES_FILE = 'policies/data/countries.json';

let cached: CountryList | undefined;

/** The ISO 3166-1 alpha-2 list with names, read once per process. */
export function countryList(): CountryList {
  cached ??= JSON.parse(readFileSync(join(packageRoot, COUNTRIES_FILE), 'utf8')) as CountryList;
  return cached;
}

let codes: Set<string> | undefined;

/** Asked for every place of every entry: a set, not a search of the list. */
export function isCountryCode(code: string): boolean {
  codes ??= new Set(countryList().countries.map((c) => c.code));
  return codes.has(code);
}
