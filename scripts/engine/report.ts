import type { Counts, Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyInfo } from '../diagnostics/policy-meta.js';
import type { CommandOutput } from '../generated/output.js';
import type { Change } from './change.js';
import type { WaivedDiagnostic } from './waivers.js';

/** One run of validate or check: everything a formatter may print, the same data for every format. */
export interface Report {
  readonly command: CommandOutput['command'];
  readonly registry: string;
  readonly files: number;
  readonly subprocessors: number;
  /** Findings and notices that count, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: Counts;
  readonly waived: readonly WaivedDiagnostic[];
  readonly skipped: readonly { policy: string; reason: 'no-base' | 'off' }[];
  /** Every policy the run knows, built-in ones included, as ESLint hands formatters rulesMeta. */
  readonly policies: readonly PolicyInfo[];
  /** check: the base ref, when there is one. */
  readonly base?: string;
  readonly change?: Change;
  /** check: the first day a new subprocessor may start, given the notice period. */
  readonly earliestStart?: string;
}
