import type { Coverage as ReleaseCoverage } from '../generated/release.js';
import { placeWithin, regionOf } from '../registry/places.js';
import type { AdequacyDecision, Framework, Law } from './jurisdiction.js';

/**
 * What covers a place under a law: nothing to cover (inside the zone, or none of the law's people's data goes there),
 * an adequacy decision, a framework the vendor takes part in, an Art. 46 (FADP Art. 16) safeguard, an occasional-only
 * derogation, or nothing the law accepts. The release schema's enum (schemas/release.schema.json, `coverage`) is the
 * one list: the release publishes these words, so the engine takes them from there rather than keeping a copy.
 */
export type CoverageKind = ReleaseCoverage['kind'];

/**
 * Why a place has no cover, or what a cover leaves to confirm: the same cases the transfer policies judge
 * (missing-transfer-mechanism, invalid-transfer-mechanism), named once in the release schema for its readers.
 */
export type CoverageNote = NonNullable<ReleaseCoverage['note']>;

export interface Coverage {
  readonly kind: CoverageKind;
  /** The mechanism id that covers the place (or, under `none`, the first one listed that failed). */
  readonly mechanism?: string;
  /** The law's article for that mechanism ("Art. 46(2)(d), DPA 2018 s.119A"), from its data. */
  readonly article?: string;
  /** The adequacy decision's reference, for adequacy (and a framework that rests on one). */
  readonly decision?: string;
  /** Why there is no cover, or what the cover leaves to confirm (a partial decision, an occasional-only basis). */
  readonly note?: CoverageNote;
}

export interface CoverageQuestion {
  readonly place: string;
  /** The location's mechanisms in the order its agreement prefers them (mechanismsOf). */
  readonly mechanisms: readonly string[];
  /** Whose data goes there: the location's users, else the vendor's; undefined for every user. */
  readonly users?: readonly string[];
  /** Every law the registry declares: `none` said from one law's zone serves another that deems the place adequate. */
  readonly laws: readonly Law[];
  /** YYYY-MM-DD: the day adequacy decisions are judged on. */
  readonly today: string;
  /**
   * The publisher's establishment in the zone makes every user's data count (Art. 3(1) as registry.yaml reads it,
   * settings' `readingOf`). Left out, a user scope outside the zone exempts a place: missing- and
   * invalid-transfer-mechanism judge that way and leave the establishment's case to user-scope-transfer.
   */
  readonly everyUserCounts?: boolean;
}

/** Whether data the law counts goes to the place: outside its zone, and its people's data, or every user's. */
export function isTransfer(law: Law, question: Pick<CoverageQuestion, 'place' | 'users' | 'everyUserCounts'>): boolean {
  return !law.inZone(question.place) && (question.everyUserCounts === true || law.coversUsers(question.users));
}

/**
 * One of a location's mechanisms judged alone, as invalid-transfer-mechanism reports each: inside the zone a
 * mechanism needs nothing (`inside-zone`) unless courts struck it down; outside, what it covers, or `none` and why.
 */
export function coverageBy(law: Law, question: CoverageQuestion, mechanism: string): Coverage {
  if (!law.inZone(question.place)) return judgeOne(law, question, mechanism);
  return law.invalidation(mechanism) ? { kind: 'none', mechanism, note: 'invalidated' } : { kind: 'inside-zone', mechanism };
}

/** One mechanism judged alone at a place outside the zone: its cover, or `none` with the reason. */
function judgeOne(law: Law, question: CoverageQuestion, mechanism: string): Coverage {
  const { place, today } = question;
  const failed = (note: CoverageNote): Coverage => ({ kind: 'none', mechanism, note });
  // None of the law's people's data goes there (a user scope outside its zone, under the users-in-zone reading):
  // the law has nothing to say about the mechanism, whatever it is; the laws that do count the data judge it.
  if (!isTransfer(law, question)) return { kind: 'not-a-transfer', mechanism };
  if (law.invalidation(mechanism)) return failed('invalidated');
  // The one place `today` meets a mechanism: the law data's own start date, never a registry entry's date.
  if (law.notYetInForce(mechanism, today, place)) return failed('not-yet-in-force');
  const framework = law.framework(mechanism);
  if (framework) {
    if (place !== framework.country) return failed('framework-elsewhere');
    return { kind: 'framework', mechanism, ...article(law, mechanism) };
  }
  if (mechanism === 'none') {
    // vague-location judges "none" for EUROPE; here it covers nothing all the same.
    if (place === 'EUROPE') return failed('vague-place');
    // "none" is said from the zone that holds the place (IE for the EU GDPR); a law that deems that place fully
    // adequate needs no document for it either (the UK GDPR for IE). Whether the EEA holds it is the law's own data
    // (its decision for the region EEA), so it does not hang on the EU GDPR being declared beside it.
    const decision = law.adequacyInForce(place, today);
    const heldByOther = question.laws.some((other) => other.id !== law.id && other.inZone(place)) || inAdequateRegion(law, place, today);
    if (heldByOther && isFull(decision)) {
      return { kind: 'adequacy', mechanism, ...article(law, 'adequacy'), decision: decision.decision };
    }
    return failed('none-outside-zone');
  }
  if (mechanism === 'adequacy') {
    const decision = law.adequacy(place);
    if (!decision) return failed('no-adequacy');
    if (decision.onlyThrough !== undefined) return { ...failed('adequacy-only-through-framework'), decision: decision.decision };
    if (decision.status === 'announced') return failed('adequacy-announced');
    if (!law.adequacyInForce(place, today)) return { ...failed('adequacy-ended'), decision: decision.decision };
    return {
      kind: 'adequacy',
      mechanism,
      ...article(law, mechanism),
      decision: decision.decision,
      ...(decision.scope === 'partial' ? { note: 'adequacy-partial' as const } : {}),
    };
  }
  const basis = law.basis(mechanism);
  if (!basis) return failed('not-accepted');
  // The UK Addendum amends the EU SCCs: listed without them it amends nothing and covers nothing.
  if (basis.onlyBeside && !question.mechanisms.includes(basis.onlyBeside.mechanism)) return failed('needs-companion');
  if (basis.occasionalOnly === true) return { kind: 'derogation', mechanism, article: basis.article, note: 'occasional-only' };
  return { kind: 'safeguard', mechanism, article: basis.article };
}

function isFull(decision: AdequacyDecision | undefined): decision is AdequacyDecision {
  return decision?.scope === 'full' && decision.onlyThrough === undefined;
}

/** Whether the law deems fully adequate a region (EEA, EU) that the place belongs to: the UK's regulations for the EEA. */
function inAdequateRegion(law: Law, place: string, today: string): boolean {
  return law.data.adequacy.some(
    (d) => regionOf(d.code) !== undefined && placeWithin(place, d.code) && isFull(law.adequacyInForce(d.code, today)),
  );
}

function article(law: Law, mechanism: string): { article?: string } {
  const found = law.basis(mechanism)?.article;
  return found === undefined ? {} : { article: found };
}

/**
 * What covers a place under one law, from the law's data alone. The first mechanism in the agreement's order that
 * covers it outright wins; failing that, the first that covers it with something left to confirm (a partial
 * adequacy decision, an occasional-only derogation); failing that, nothing, with the first mechanism's reason.
 * The transfer policies report a location under a law exactly when this says `none`, or a cover with a note.
 */
export function coverageAt(law: Law, question: CoverageQuestion): Coverage {
  if (law.inZone(question.place)) return { kind: 'inside-zone' };
  if (!isTransfer(law, question)) return { kind: 'not-a-transfer' };
  if (question.mechanisms.length === 0) return { kind: 'none', note: 'no-mechanism' };
  const judged = question.mechanisms.map((mechanism) => judgeOne(law, question, mechanism));
  return (
    judged.find((c) => c.kind !== 'none' && c.note === undefined) ??
    judged.find((c) => c.kind !== 'none') ??
    judged[0] ?? { kind: 'none', note: 'no-mechanism' }
  );
}

/** What could cover a place under a law, for hints: the framework of its country, and an adequacy decision in force. */
export interface PossibleCover {
  readonly framework?: Framework;
  /** `partial` when the decision covers only some recipients (Korea, Canada): the vendor must fall in its scope. */
  readonly adequacy?: 'full' | 'partial';
}

export function possibleCover(law: Law, place: string, today: string): PossibleCover {
  // A framework not yet in force on the day judged is no cover to offer (dpf before 2023-07-10).
  const found = law.frameworkFor(place);
  const framework = found && law.notYetInForce(found.mechanism, today) === undefined ? found : undefined;
  const decision = law.adequacyInForce(place, today);
  return {
    ...(framework ? { framework } : {}),
    ...(decision ? { adequacy: decision.scope === 'full' ? ('full' as const) : ('partial' as const) } : {}),
  };
}
