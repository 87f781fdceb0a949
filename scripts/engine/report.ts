import type { Counts, Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyInfo } from '../diagnostics/policy-meta.js';
import type { CommandOutput } from '../generated/output.js';
import type { Change } from './change.js';
import type { LegalBasis } from './mechanism-concept.js';
import type { Reading } from './settings.js';
import type { WaivedDiagnostic } from './waivers.js';

/** One run of validate or check: everything a formatter may print, the same data for every format. */
export interface Report {
  readonly command: CommandOutput['command'];
  readonly registry: string;
  readonly files: number;
  readonly subprocessors: number;
  /** Findings and notices, sorted; with a base, each marked new or unchanged. */
  readonly diagnostics: readonly Diagnostic[];
  /** Of the diagnostics that count: all without a base, the new ones with a base. */
  readonly counts: Counts;
  /** With a base: diagnostics the base has already, shown apart and not counted. */
  readonly unchanged: number;
  readonly waived: readonly WaivedDiagnostic[];
  readonly skipped: readonly { policy: string; reason: 'no-base' | 'off' }[];
  /** Every policy the run knows, built-in ones included, as ESLint hands formatters rulesMeta. */
  readonly policies: readonly PolicyInfo[];
  /** Whose data counted under each law, and why (GDPR Art. 3): every format states it. */
  readonly readings: readonly Reading[];
  /** The DPV concepts of the mechanism ids the registry under review uses, per law. */
  readonly legalBases: readonly LegalBasis[];
  /** check: the base ref, when there is one. */
  readonly base?: string;
  readonly change?: Change;
  /** check: the first day a new subprocessor may start, given the notice period. */
  readonly earliestStart?: string;
}

/** The lowest severity that fails a run (`--fail-on`, the action's `fail-on`); `never` only reports. */
export type FailOn = 'error' | 'warning' | 'never';

/** Whether a run's counted findings fail it: the exit code 1 of check, the failing status of the action. */
export function failsAt(failOn: FailOn, counts: Pick<Counts, 'errors' | 'warnings'>): boolean {
  if (failOn === 'never') return false;
  return counts.errors + (failOn === 'warning' ? counts.warnings : 0) > 0;
}
