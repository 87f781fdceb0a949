import type { Change } from './change.js';
import type { Counts, Diagnostic } from '../diagnostics/diagnostic.js';
import type { WaivedDiagnostic } from './waivers.js';
import type { CommandOutput } from '../generated/output.js';

/** Everything a formatter may print: the same data for every format. */
export interface Report {
  readonly command: CommandOutput['command'];
  readonly registry: string;
  readonly files: number;
  readonly subprocessors: number;
  /** Findings that count, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: Counts;
  readonly waived: readonly WaivedDiagnostic[];
  readonly skipped: readonly { policy: string; reason: 'no-base' | 'off' }[];
  /** check: the base ref, when there is one. */
  readonly base?: string;
  readonly change?: Change;
  /** check: the first day a new subprocessor may start, given the notice period. */
  readonly earliestStart?: string;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
