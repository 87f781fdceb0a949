import type { Jurisdiction } from '../generated/jurisdiction.js';
import { START, type Locator } from '../registry/locate.js';

export type { Jurisdiction } from '../generated/jurisdiction.js';
export type AdequacyDecision = Jurisdiction['adequacy'][number];
export type Invalidation = Jurisdiction['invalidated'][number];
export type Framework = Jurisdiction['frameworks'][number];
export type MechanismBasis = Jurisdiction['mechanisms'][number];

/**
 * One data-protection law as the transfer policies ask about it: its zone, its adequacy decisions, the
 * mechanisms it accepts, frameworks tied to one country, the mechanisms courts struck down. Built from a data file
 * (policies/data/transfers/ID.json) at the edge and handed to policies in their context: no policy names a
 * country, a mechanism or a law of its own.
 */
export interface Law {
  readonly id: string;
  /** How messages name the law: "EU GDPR". */
  readonly name: string;
  /** How messages name the zone inside which nothing is a transfer: "EEA". */
  readonly zone: string;
  readonly data: Jurisdiction;
  /** The data file, with positions, so findings about it point at the line. */
  readonly source: { readonly file: string; readonly locate: Locator };
  /** Inside the zone: a member country, or a region wholly inside it. */
  inZone(place: string): boolean;
  /** The decision for a place, whatever its status or end date; the caller decides what that means. */
  adequacy(place: string): AdequacyDecision | undefined;
  /** In force on `today`: adopted, not merely announced, not past its end date. */
  adequacyInForce(place: string, today: string): AdequacyDecision | undefined;
  invalidation(mechanism: string): Invalidation | undefined;
  /** A framework mechanism (dpf), with the one country it covers. */
  framework(mechanism: string): Framework | undefined;
  /** The framework that covers a country (US → dpf), if any. */
  frameworkFor(country: string): Framework | undefined;
  /** The legal basis of a mechanism the law accepts. */
  basis(mechanism: string): MechanismBasis | undefined;
  /**
   * The day a mechanism younger than the law came into force, when `today` lies before it (dpf before 2023-07-10);
   * for `adequacy` at `place`, the day the place's decision was adopted (Korea's EU decision before 2021-12-17).
   */
  notYetInForce(mechanism: string, today: string, place?: string): string | undefined;
  /**
   * Whether data of people the law protects goes where a scope says. No scope means every user's data. A scope
   * made only of places outside the zone (US users, North American users) carries none of it.
   */
  coversUsers(scope: readonly string[] | undefined): boolean;
}

export function transferDataFile(id: string): string {
  return `policies/data/transfers/${id}.json`;
}

export function lawOf(data: Jurisdiction, source: Law['source'] = { file: transferDataFile(data.id), locate: () => START }): Law {
  const countries = new Set(data.zone.countries);
  const within = new Set(data.zone.regions);
  const overlapping = new Set(data.zone.overlappingRegions);
  const decisions = new Map(data.adequacy.map((d) => [d.code, d]));
  const invalidated = new Map(data.invalidated.map((i) => [i.mechanism, i]));
  const frameworks = new Map(data.frameworks.map((f) => [f.mechanism, f]));
  const byCountry = new Map(data.frameworks.map((f) => [f.country, f]));
  const bases = new Map(data.mechanisms.map((m) => [m.id, m]));
  const inZone = (place: string) => countries.has(place) || within.has(place);
  return {
    id: data.id,
    name: data.name,
    zone: data.zone.name,
    data,
    source,
    inZone,
    adequacy: (place) => decisions.get(place),
    adequacyInForce(place, today) {
      const decision = decisions.get(place);
      if (decision?.status !== 'in-force') return undefined;
      // Adopted after the day judged: not yet a decision on that day.
      if (decision.adopted !== undefined && today < decision.adopted) return undefined;
      if (decision.endsOn !== undefined && decision.endsOn < today) return undefined;
      return decision;
    },
    invalidation: (mechanism) => invalidated.get(mechanism),
    framework: (mechanism) => frameworks.get(mechanism),
    frameworkFor: (country) => byCountry.get(country),
    basis: (mechanism) => bases.get(mechanism),
    notYetInForce(mechanism, today, place) {
      const adopted = mechanism === 'adequacy' && place !== undefined ? decisions.get(place)?.adopted : undefined;
      if (adopted !== undefined && today < adopted) return adopted;
      const from = bases.get(mechanism)?.inForceFrom?.on;
      return from !== undefined && today < from ? from : undefined;
    },
    coversUsers(scope) {
      if (!scope || scope.length === 0) return true;
      return scope.some((code) => inZone(code) || overlapping.has(code));
    },
  };
}

/**
 * The law's safeguards in the order its data lists them (scc, bcr… for the EU GDPR; uk-addendum, uk-idta… for the UK
 * GDPR): the mechanisms that need no decision about the place, which hints suggest. Adequacy, frameworks and
 * occasional-only bases are left out, since they hold only for some places or some transfers.
 */
export function safeguards(law: Law): readonly MechanismBasis[] {
  return law.data.mechanisms.filter((m) => m.id !== 'adequacy' && !law.framework(m.id) && m.occasionalOnly !== true);
}

/** How a hint names a safeguard: "scc with uk-addendum" for one that only amends another, so no hint advises it alone. */
export function safeguardWords(m: MechanismBasis): string {
  return m.onlyBeside ? `${m.onlyBeside.mechanism} with ${m.id}` : m.id;
}

/** The safeguards that hold alone (uk-idta, not the UK Addendum, which needs the EU SCCs beside it), for hints. */
export function standaloneSafeguards(law: Law): readonly MechanismBasis[] {
  return safeguards(law).filter((m) => m.onlyBeside === undefined);
}

/** "Art. 46" for the EU and UK GDPR, "Art. 16" for the FADP: the article the law's safeguards come under, for hints. */
export function safeguardArticle(law: Law): string {
  return /^Art\. \d+/.exec(safeguards(law)[0]?.article ?? '')?.[0] ?? 'Art. 46';
}

/** "Art. 49" for the EU and UK GDPR, "Art. 17" for the FADP: the derogations for occasional transfers, from the law's data. */
export function derogationArticle(law: Law): string {
  return law.data.articles?.derogations.cite ?? 'Art. 49';
}

/**
 * How hints name a law's usual tools, from its data: its first two safeguards ("scc or bcr"; "scc with uk-addendum or
 * uk-idta" under the UK GDPR, where scc alone is no basis and the Addendum alone amends nothing), the first of them, and its framework mechanism
 * (dpf, dpf-uk, dpf-ch), so no hint advises a mechanism the law does not accept.
 */
export function toolWords(law: Law): { safeguards: string; safeguardList: string; safeguard: string; framework: string } {
  const ids = safeguards(law).slice(0, 2).map(safeguardWords);
  return {
    safeguards: ids.join(' or '),
    safeguardList: ids.join(', '),
    safeguard: ids[0] ?? 'scc',
    framework: law.data.frameworks[0]?.mechanism ?? 'dpf',
  };
}
