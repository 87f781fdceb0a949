import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransferPolicyData } from '../generated/policy-data.js';
import { packageRoot } from '../paths.js';
import { isCountryCode } from '../registry/countries.js';
import { START, type Locator } from '../registry/locate.js';
import { lazyLocator } from '../registry/parse-yaml.js';

export const POLICY_DATA_FILE = 'policies/data/gdpr-transfers.json';

export type AdequacyDecision = TransferPolicyData['adequacy'][number];
export type Region = TransferPolicyData['regions'][number];
export type Invalidation = TransferPolicyData['invalidated'][number];

/** Questions the transfer policies ask of the policy data, answered in one place. */
export interface TransferFacts {
  readonly data: TransferPolicyData;
  /** The data file, with positions, so findings about it point at the line. */
  readonly source: { readonly file: string; readonly locate: Locator };
  isCountry(code: string): boolean;
  region(code: string): Region | undefined;
  /** A country code or a region code: what unknown-country accepts. Other policies leave the rest to it. */
  isKnownPlace(code: string): boolean;
  /** Inside the EEA: a member state, or the EEA or EU region. */
  isWithinEea(place: string): boolean;
  /** The decision for a place, whatever its status or end date; the caller decides what that means. */
  adequacy(place: string): AdequacyDecision | undefined;
  /** In force on `today`: adopted, not merely announced, not past its end date. */
  adequacyInForce(place: string, today: string): AdequacyDecision | undefined;
  invalidation(mechanism: string): Invalidation | undefined;
  /**
   * Whether data of people the GDPR protects goes where a scope says. No scope means every user's data. A scope
   * made only of places outside the EEA (US users, North American users) carries no EEA users' data.
   */
  carriesGdprData(scope: readonly string[] | undefined): boolean;
}

export function transferFacts(
  data: TransferPolicyData,
  source: TransferFacts['source'] = { file: POLICY_DATA_FILE, locate: () => START },
): TransferFacts {
  const eea = new Set([...data.eea.eu, ...data.eea.efta]);
  const regions = new Map(data.regions.map((r) => [r.code, r]));
  const decisions = new Map(data.adequacy.map((d) => [d.code, d]));
  const invalidated = new Map(data.invalidated.map((i) => [i.mechanism, i]));
  const isWithinEea = (place: string) => eea.has(place) || regions.get(place)?.withinEea === true;
  return {
    data,
    source,
    isCountry: isCountryCode,
    region: (code) => regions.get(code),
    isKnownPlace: (code) => isCountryCode(code) || regions.has(code),
    isWithinEea,
    adequacy: (place) => decisions.get(place),
    adequacyInForce(place, today) {
      const decision = decisions.get(place);
      if (decision?.status !== 'in-force') return undefined;
      if (decision.endsOn !== undefined && decision.endsOn < today) return undefined;
      return decision;
    },
    invalidation: (mechanism) => invalidated.get(mechanism),
    carriesGdprData(scope) {
      if (!scope || scope.length === 0) return true;
      // EUROPE and WORLD users include EEA users; a country or North America outside the EEA does not.
      return scope.some((code) => isWithinEea(code) || code === 'EUROPE' || code === 'WORLD');
    },
  };
}

let cached: TransferFacts | undefined;

/** The shipped policy data, read once; tests build their own with transferFacts(). */
export function shippedTransferFacts(): TransferFacts {
  if (cached) return cached;
  const text = readFileSync(join(packageRoot, POLICY_DATA_FILE), 'utf8');
  // JSON is YAML: the yaml parser gives the positions that JSON.parse does not, but only a finding needs them.
  const locate = lazyLocator(text);
  cached = transferFacts(JSON.parse(text) as TransferPolicyData, { file: POLICY_DATA_FILE, locate });
  return cached;
}
