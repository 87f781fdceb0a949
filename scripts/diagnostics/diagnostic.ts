import type { DiagnosticRecord } from '../generated/output.js';
import type { MessageData } from './template.js';

export type Severity = DiagnosticRecord['severity'];
export type JsonPath = (string | number)[];
/**
 * finding: something to fix or to accept; notice: a change customers must be told of, which is no fault; settings:
 * a change to how the registry is judged, shown first to reviewers.
 */
export type DiagnosticKind = NonNullable<DiagnosticRecord['kind']>;

/**
 * A finding located and rendered, and still data: which policy and message, the values the message was rendered
 * from, its kind and its docs page. Formatters decide from these fields, never from the prose.
 */
export type Diagnostic = Omit<DiagnosticRecord, 'waiver' | 'kind' | 'data'> & {
  path: JsonPath;
  kind: DiagnosticKind;
  data: MessageData;
  hint?: string;
  subprocessor?: string;
};

/** An exact replacement for one value or key: characters range[0] to range[1] of the file's text become `text`. */
export type Fix = NonNullable<DiagnosticRecord['fix']>;

/** The diagnostic with its fix, when there is one: the one place a fix joins a diagnostic, after it is rendered. */
export function withFix(diagnostic: Diagnostic, fix: Fix | undefined): Diagnostic {
  return fix === undefined ? diagnostic : { ...diagnostic, fix };
}

export const SEVERITY_RANK = { error: 2, warning: 1, info: 0 } as const satisfies Record<Severity, number>;

/** Diagnostics in reading order: by file, then line, then column, then policy id. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.policy, b.policy) ||
      compareText(a.messageId, b.messageId),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countBySeverity(list: readonly Diagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of list) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}
