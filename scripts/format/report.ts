import type { Counts, Diagnostic } from '../engine/diagnostic.js';
import type { CommandOutput } from '../generated/output.js';

/** Everything a formatter may print: the same data for every format. */
export interface Report {
  readonly command: CommandOutput['command'];
  readonly registry: string;
  readonly files: number;
  readonly subprocessors: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: Counts;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
