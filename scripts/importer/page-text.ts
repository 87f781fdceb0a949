import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { importRule } from './rules.js';
import { COLUMN_LABELS, columnOf, slugify, type Cell, type Column, type PageInfo, type RawRow } from './row.js';

/** A section heading: one cell of capitals ("CUSTOMER SUPPORT"), the other cells empty. */
const HEADING = /^[A-Z][A-Z0-9 &/-]*$/;

function cellsOf(line: string, lineNumber: number): Cell[] {
  const cells: Cell[] = [];
  let column = 1;
  for (const text of line.split('\t')) {
    cells.push({ text: text.trim(), line: lineNumber, column: column + (text.length - text.trimStart().length) });
    column += text.length + 1;
  }
  return cells;
}

/**
 * Reads a subprocessor page saved as text: a title line (repeated as a page header), an introduction, then
 * sections, each a heading line, a tab-separated header row and tab-separated rows.
 */
export function readPageText(file: string, text: string, diagnostics: Diagnostic[]): { page: PageInfo; rows: RawRow[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let title: string | undefined;
  const intro: string[] = [];
  const categories: { id: string; title: string }[] = [];
  const rows: RawRow[] = [];
  let section: Cell | undefined;
  let header: Map<Column, number> | undefined;
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/^\uFEFF/, '');
    if (!line.trim()) return;
    const cells = cellsOf(line, lineNumber);
    const filled = cells.filter((c) => c.text);
    const first = filled[0];
    if (!first) return;
    if (title === undefined) {
      title = line.trim();
      return;
    }
    if (line.trim() === title) return;
    if (filled.length === 1 && HEADING.test(first.text)) {
      section = first;
      header = undefined;
      categories.push({ id: slugify(first.text), title: first.text });
      return;
    }
    if (!section && filled.length === 1 && !line.includes('\t')) {
      intro.push(line.trim());
      return;
    }
    const columns = cells.map((c) => columnOf(c.text.replace(/<\/?i>/gi, '')));
    if (columns[0] === 'name' && columns.includes('place')) {
      header = new Map();
      columns.forEach((column, i) => column && header?.set(column, i));
      for (const needed of ['name', 'place', 'mechanism', 'service'] as const) {
        if (!header.has(needed)) {
          diagnostics.push(
            makeDiagnostic(
              importRule,
              'missing-column',
              { file, path: [], line: lineNumber, column: 1 },
              { column: COLUMN_LABELS[needed] },
            ),
          );
        }
      }
      return;
    }
    const where = { file, path: [], line: lineNumber, column: first.column };
    if (!section) {
      diagnostics.push(makeDiagnostic(importRule, line.includes('\t') ? 'no-section' : 'unreadable-line', where));
      return;
    }
    if (!header) {
      diagnostics.push(makeDiagnostic(importRule, line.includes('\t') ? 'no-header' : 'unreadable-line', where));
      return;
    }
    if (!line.includes('\t')) {
      diagnostics.push(makeDiagnostic(importRule, 'unreadable-line', where));
      return;
    }
    const expected = Math.max(...header.values()) + 1;
    if (filled.length > 0 && cells.length > expected && cells.slice(expected).some((c) => c.text)) {
      diagnostics.push(makeDiagnostic(importRule, 'too-many-cells', where, { count: cells.length, expected }));
      return;
    }
    const pick = (column: Column): Cell => {
      const i = header?.get(column);
      const end = cells.at(-1);
      return (
        (i !== undefined ? cells[i] : undefined) ?? { text: '', line: lineNumber, column: (end?.column ?? 1) + (end?.text.length ?? 0) }
      );
    };
    const tasksIndex = header.get('tasks');
    rows.push({
      line: lineNumber,
      category: section,
      name: pick('name'),
      place: pick('place'),
      mechanism: pick('mechanism'),
      service: pick('service'),
      ...(tasksIndex !== undefined ? { tasks: pick('tasks') } : {}),
    });
  });
  return { page: { ...(title ? { title } : {}), ...(intro.length ? { introduction: intro.join('\n\n') } : {}), categories }, rows };
}
