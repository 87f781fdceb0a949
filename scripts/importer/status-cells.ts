import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { importRule } from './rules.js';
import type { Cell, LifecycleCells } from './row.js';

/** What a row says of the vendor's life: the registry's own fields. */
export type Lifecycle = Pick<Subprocessor, 'status' | 'since' | 'retired'>;

const DATE = '(\\d{4}-\\d{2}-\\d{2})';

/** The release CSV's Status cell (render-list.ts's csvStatus): the word, and the dates in its parentheses. */
interface StatusWords {
  readonly word: 'active' | 'upcoming' | 'retiring' | 'retired';
  readonly starts?: string;
  readonly retires?: string;
}

function readStatusWords(text: string): StatusWords | undefined {
  const match = /^(active|upcoming|retiring|retired)\s*(?:\((.*)\))?$/i.exec(text.trim());
  if (!match) return undefined;
  const word = (match[1] ?? '').toLowerCase() as StatusWords['word'];
  const inside = match[2] ?? '';
  const starts = new RegExp(`from ${DATE}`).exec(inside)?.[1];
  const retires = new RegExp(`(?:^|retiring )on ${DATE}`).exec(inside)?.[1];
  if (inside.trim() !== '' && starts === undefined && retires === undefined) return undefined;
  return { word, ...(starts !== undefined ? { starts } : {}), ...(retires !== undefined ? { retires } : {}) };
}

/**
 * The vendor's status, start and retirement from the release CSV's columns. Since, Retired on and Retirement reason
 * give the registry's fields; the Status cell alone gives a start date but not a retirement's reason, so a row whose
 * Status says retired or retiring without those columns is refused, at its Status cell, naming the column to add,
 * rather than imported as active. Undefined when the row is refused; a file with none of these columns gives active.
 */
export function readLifecycle(file: string, cells: LifecycleCells | undefined, diagnostics: Diagnostic[]): Lifecycle | undefined {
  if (!cells) return { status: 'active' };
  const at = (cell: Cell) => ({ file, path: [], line: cell.line, column: cell.column });
  const before = diagnostics.length;
  const report = (cell: Cell, messageId: keyof typeof importRule.messages, data: Record<string, string>) => {
    diagnostics.push(makeDiagnostic(importRule, messageId, at(cell), data));
  };

  const statusText = cells.status?.text.trim() ?? '';
  const words = statusText === '' ? undefined : readStatusWords(statusText);
  if (cells.status && statusText !== '' && !words) report(cells.status, 'unknown-status', { status: statusText });

  const sinceText = cells.since?.text.trim() ?? '';
  const since = sinceText !== '' ? sinceText : words?.starts;
  if (cells.since && sinceText !== '' && words?.starts !== undefined && words.starts !== sinceText)
    report(cells.since, 'status-conflict', { status: statusText, column: cells.since.header ?? 'Since', value: sinceText });

  const onText = cells.retiredOn?.text.trim() ?? '';
  const reasonText = cells.retirementReason?.text.trim() ?? '';
  const on = onText !== '' ? onText : words?.retires;
  if (cells.retiredOn && onText !== '' && words?.retires !== undefined && words.retires !== onText)
    report(cells.retiredOn, 'status-conflict', { status: statusText, column: cells.retiredOn.header ?? 'Retired on', value: onText });
  const statusSaysRetired = words !== undefined && (words.word === 'retired' || words.word === 'retiring' || words.retires !== undefined);
  if (words !== undefined && !statusSaysRetired && onText !== '' && cells.retiredOn)
    report(cells.retiredOn, 'status-conflict', { status: statusText, column: cells.retiredOn.header ?? 'Retired on', value: onText });

  const retired = statusSaysRetired || onText !== '' || reasonText !== '';
  if (retired) {
    const where = cells.status ?? cells.retiredOn ?? cells.retirementReason;
    for (const [column, cell, value] of [
      ['Retired on', cells.retiredOn, on],
      ['Retirement reason', cells.retirementReason, reasonText],
    ] as const) {
      if (value !== undefined && value !== '') continue;
      if (cell) report(cell, 'empty-cell', { column: cell.header ?? column });
      else if (where) report(where, 'retirement-needs-column', { column });
    }
  }
  if (diagnostics.length > before) return undefined;
  return {
    status: retired ? 'retired' : 'active',
    ...(since !== undefined ? { since } : {}),
    ...(retired && on !== undefined ? { retired: { on, reason: reasonText } } : {}),
  };
}
