import type { JsonPath } from '../diagnostics/diagnostic.js';
import type { Location, TransferMechanism } from '../generated/subprocessor.js';

/** The two ways a location states its mechanism; the schema allows one or the other, never both. */
export type MechanismFields = Pick<Location, 'mechanism' | 'mechanisms'>;

/**
 * A location's mechanisms in the order its data processing agreement prefers them: `mechanisms` as written, or the
 * single `mechanism`; empty while unknown. Every reader of a location's mechanism goes through here, so that a list
 * and a single value mean the same wherever they are judged, compared or rendered.
 */
export function mechanismsOf(location: MechanismFields): readonly TransferMechanism[] {
  if (location.mechanisms !== undefined) return location.mechanisms;
  return location.mechanism === undefined ? [] : [location.mechanism];
}

/** The mechanisms as the file writes them (a list, or the single value), for reports that show a field changing. */
export function writtenMechanisms(location: MechanismFields): readonly TransferMechanism[] | TransferMechanism | undefined {
  return location.mechanisms ?? location.mechanism;
}

/** Where the i-th mechanism of a location is written, relative to the location: a finding points at that one. */
export function mechanismPath(location: MechanismFields, index: number): JsonPath {
  return location.mechanisms !== undefined ? ['mechanisms', index] : ['mechanism'];
}

/** The field a location's mechanisms are written in, when it has any. */
export function mechanismField(location: MechanismFields): JsonPath {
  if (location.mechanisms !== undefined) return ['mechanisms'];
  return location.mechanism === undefined ? [] : ['mechanism'];
}

/** Mechanisms in order as the published list says them: "dpf, else scc"; `unknown` for an empty list. */
export function mechanismWords(mechanisms: readonly string[], unknown = 'none given'): string {
  return mechanisms.length === 0 ? unknown : mechanisms.join(', else ');
}

/** A location's mechanisms in words ("dpf, else scc"); `unknown` while none is given. */
export function describeMechanisms(location: MechanismFields, unknown = 'no mechanism'): string {
  return mechanismWords(mechanismsOf(location), unknown);
}

/** Whether two locations state the same mechanisms in the same order (`mechanism: scc` and `mechanisms: [scc]` do). */
export function sameMechanisms(a: MechanismFields, b: MechanismFields): boolean {
  const x = mechanismsOf(a);
  const y = mechanismsOf(b);
  return x.length === y.length && x.every((m, i) => m === y[i]);
}

/** Whether two locations state the same mechanisms, in any order. */
export function sameMechanismSet(a: MechanismFields, b: MechanismFields): boolean {
  const x = mechanismsOf(a);
  const y = new Set(mechanismsOf(b));
  return x.length === y.size && x.every((m) => y.has(m));
}
