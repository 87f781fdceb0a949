import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryList } from '../generated/countries.js';
import type { Location } from '../generated/subprocessor.js';
import { packageRoot } from '../paths.js';
import { describeMechanisms } from './location-mechanisms.js';

/*
 * The place vocabulary: which codes a registry may write (ISO 3166-1 alpha-2 countries and a few regions), what
 * they are called, and how a location reads in words. The loader's messages, the importer and the policies all
 * speak it; which places lie inside a law's zone is the law's data, not this module's.
 */

export const COUNTRIES_FILE = 'policies/data/countries.json';

/** The schemas' pattern for a place; the loader words a value that misses it as a place problem. */
export const PLACE_PATTERN = '^([A-Z]{2}|EEA|EU|EUROPE|NORTH_AMERICA|WORLD)$';

/** EU texts write EL for Greece and UK for the United Kingdom; ISO 3166-1, which the registry stores, does not. */
export const ISO_ALIASES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

export type Region = CountryList['regions'][number];

let cached: CountryList | undefined;

/** The ISO 3166-1 alpha-2 list with names, and the regions, read once per process. */
export function countryList(): CountryList {
  cached ??= JSON.parse(readFileSync(join(packageRoot, COUNTRIES_FILE), 'utf8')) as CountryList;
  return cached;
}

let codes: Set<string> | undefined;
let regions: Map<string, Region> | undefined;
let names: Map<string, string> | undefined;

/** Asked for every place of every entry: a set, not a search of the list. */
export function isCountryCode(code: string): boolean {
  codes ??= new Set(countryList().countries.map((c) => c.code));
  return codes.has(code);
}

export function regionOf(code: string): Region | undefined {
  regions ??= new Map(countryList().regions.map((r) => [r.code, r]));
  return regions.get(code);
}

/** A country code or a region code: what unknown-country accepts. Other policies leave the rest to it. */
export function isKnownPlace(code: string): boolean {
  return isCountryCode(code) || regionOf(code) !== undefined;
}

/** "US (United States of America)", "WORLD (anywhere in the world)": codes with words, for messages. */
export function placeLabel(code: string): string {
  names ??= new Map(countryList().countries.map((c) => [c.code, c.name]));
  const name = names.get(code) ?? regionOf(code)?.name;
  return name ? `${code} (${name})` : code;
}

/** "IE (users in EUROPE)": a place with the users whose data goes there, when the location is scoped. */
export function describePlace(location: Pick<Location, 'place' | 'users'>): string {
  return `${location.place}${location.users ? ` (users in ${location.users.join(', ')})` : ''}`;
}

/** "IE (users in EUROPE): none", "US: dpf, else scc": one location as every change report and notice writes it. */
export function describeLocation(location: Pick<Location, 'place' | 'users' | 'mechanism' | 'mechanisms'>): string {
  return `${describePlace(location)}: ${describeMechanisms(location)}`;
}

/** Whether a place or region code lies within another: equal, inside WORLD, or among a region's members. */
export function placeWithin(code: string, region: string): boolean {
  if (code === region || region === 'WORLD') return true;
  return regionOf(region)?.members?.includes(code) === true;
}

/** Whether a user scope reaches every user another scope names (no scope: every user). */
export function scopeContains(outer: readonly string[] | undefined, inner: readonly string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((code) => outer.some((region) => placeWithin(code, region)));
}
