import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { importRule } from './rules.js';
import { COLUMN_LABELS, columnOf, slugify, type Cell, type Column, type PageInfo, type RawRow } from './row.js';

/**
 * A cell written with a guard quote: `'` before `=`, `+`, `-`, `@`, a tab, a CR or another `'` (OWASP CSV injection;
 * scripts/release/render-list.ts writes it).
 */
const GUARD_QUOTE = /^'[=+\-@\t\r']/;

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Cells keep their start position. */
export function parseCsv(file: string, text: string, diagnostics: Diagnostic[]): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i <= src.length) {
    const startLine = line;
    const startColumn = column;
    let value = '';
    if (src[i] === '"') {
      i++;
      column++;
      let closed = false;
      while (i < src.length) {
        const ch = src[i];
        if (ch === '"' && src[i + 1] === '"') {
          value += '"';
          i += 2;
          column += 2;
        } else if (ch === '"') {
          i++;
          column++;
          closed = true;
          break;
        } else {
          if (ch === '\n') {
            line++;
            column = 1;
          } else column++;
          value += ch ?? '';
          i++;
        }
      }
      if (!closed) {
        diagnostics.push(makeDiagnostic(importRule, 'unclosed-quote', { file, path: [], line: startLine, column: startColumn }));
        return records;
      }
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        value += src[i] ?? '';
        i++;
        column++;
      }
    } else {
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        value += src[i] ?? '';
        i++;
        column++;
      }
    }
    // The guard quote `subproc build` writes before a cell a spreadsheet would read as a formula (or before a
    // leading quote): removed, so the list it publishes imports back exactly.
    const guarded = GUARD_QUOTE.test(value);
    record.push({ text: (guarded ? value.slice(1) : value).trim(), line: startLine, column: startColumn + (guarded ? 1 : 0) });
    const sep = src[i];
    if (sep === ',') {
      i++;
      column++;
      continue;
    }
    if (sep === '\r' && src[i + 1] === '\n') i++;
    i++;
    line++;
    column = 1;
    if (record.some((c) => c.text)) records.push(record);
    record = [];
  }
  return records;
}

/** Reads a CSV export of a subprocessor list: a header row naming the page's columns, plus a Category column. */
export function readCsv(file: string, text: string, diagnostics: Diagnostic[]): { page: PageInfo; rows: RawRow[] } {
  const records = parseCsv(file, text, diagnostics);
  const [head, ...body] = records;
  const categories: { id: string; title: string }[] = [];
  if (!head) {
    diagnostics.push(makeDiagnostic(importRule, 'no-rows', { file, path: [], line: 1, column: 1 }));
    return { page: { categories }, rows: [] };
  }
  const header = new Map<Column, number>();
  head.forEach((cell, i) => {
    const column = columnOf(cell.text.replace(/<\/?i>/gi, ''));
    if (column) header.set(column, i);
  });
  const missing = (['category', 'name', 'place', 'mechanism', 'service'] as const).filter((c) => !header.has(c));
  for (const column of missing) {
    diagnostics.push(
      makeDiagnostic(
        importRule,
        'missing-column',
        { file, path: [], line: head[0]?.line ?? 1, column: 1 },
        { column: COLUMN_LABELS[column] },
      ),
    );
  }
  if (missing.length > 0) return { page: { categories }, rows: [] };
  const rows: RawRow[] = [];
  let category: Cell | undefined;
  for (const record of body) {
    const first = record[0] ?? { text: '', line: 1, column: 1 };
    if (record.length > head.length && record.slice(head.length).some((c) => c.text)) {
      diagnostics.push(
        makeDiagnostic(
          importRule,
          'too-many-cells',
          { file, path: [], line: first.line, column: 1 },
          { count: record.length, expected: head.length },
        ),
      );
      continue;
    }
    const pick = (column: Column): Cell => {
      const i = header.get(column);
      return (i !== undefined ? record[i] : undefined) ?? { text: '', line: first.line, column: 1 };
    };
    const categoryCell = pick('category');
    // A blank category cell continues the one above, as a merged cell would.
    if (categoryCell.text) {
      category = categoryCell;
      const id = slugify(categoryCell.text);
      if (!categories.some((c) => c.id === id)) categories.push({ id, title: categoryCell.text });
    }
    if (!category) {
      diagnostics.push(
        makeDiagnostic(
          importRule,
          'empty-cell',
          { file, path: [], line: categoryCell.line, column: categoryCell.column },
          { column: 'Category' },
        ),
      );
      continue;
    }
    rows.push({
      line: first.line,
      category,
      name: pick('name'),
      place: pick('place'),
      mechanism: pick('mechanism'),
      service: pick('service'),
      ...(header.has('tasks') ? { tasks: pick('tasks') } : {}),
    });
  }
  return { page: { categories }, rows };
}
