import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { importRule } from './rules.js';
import {
  COLUMN_LABELS,
  isHeader,
  missingColumns,
  pickRow,
  resolveHeader,
  type Cell,
  type DraftRow,
  type PageInfo,
  type RawRow,
} from './row.js';
import { Sections } from './sections.js';

/**
 * A cell written with a guard quote: `'` before `=`, `+`, `-`, `@`, a tab, a CR or another `'` (OWASP CSV injection;
 * scripts/release/render-list.ts writes it).
 */
const GUARD_QUOTE = /^'[=+\-@\t\r']/;

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Cells keep their start position. */
export function parseCsv(file: string, text: string, diagnostics: Diagnostic[], delimiter: ',' | '\t' = ','): Cell[][] {
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
      while (i < src.length && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') {
        value += src[i] ?? '';
        i++;
        column++;
      }
    } else {
      while (i < src.length && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') {
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
    if (sep === delimiter) {
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

export interface ReadOptions {
  readonly delimiter: ',' | '\t';
  /** The category of rows the file puts in no section (--category). */
  readonly category?: string;
}

/**
 * Reads a CSV (or TSV) export of a subprocessor list: optional title lines, a header row naming the columns, then
 * rows. Sections come from a Category column, from heading rows (only the first cell filled), or from --category.
 */
export function readCsv(
  file: string,
  text: string,
  diagnostics: Diagnostic[],
  notices: Diagnostic[],
  options: ReadOptions,
): { page: PageInfo; rows: RawRow[] } {
  const records = parseCsv(file, text, diagnostics, options.delimiter);
  const sections = new Sections(file, diagnostics);
  const empty = { page: { categories: [] }, rows: [] };
  const headerIndex = records.findIndex((record) => isHeader(resolveHeader(record)));
  const headCells = records[headerIndex === -1 ? 0 : headerIndex];
  if (!headCells) {
    diagnostics.push(makeDiagnostic(importRule, 'no-rows', { file, path: [], line: 1, column: 1 }));
    return empty;
  }
  const header = resolveHeader(headCells);
  const headLine = headCells[0]?.line ?? 1;
  const missing = missingColumns(header);
  for (const column of missing) {
    const { label, accepted } = COLUMN_LABELS[column];
    diagnostics.push(
      makeDiagnostic(importRule, 'missing-column', { file, path: [], line: headLine, column: 1 }, { column: label, accepted }),
    );
  }
  if (missing.length > 0) return empty;
  const preamble: string[] = [];
  for (const record of records.slice(0, headerIndex)) {
    const filled = record.filter((c) => c.text);
    if (filled.length === 1 && filled[0]) preamble.push(filled[0].text);
    else {
      const where = { file, path: [], line: record[0]?.line ?? 1, column: 1 };
      diagnostics.push(makeDiagnostic(importRule, 'no-header', where));
    }
  }
  for (const cell of header.ignored) {
    const where = { file, path: [], line: cell.line, column: cell.column };
    notices.push(makeDiagnostic(importRule, 'ignored-column', where, { header: cell.text }, 'info'));
  }
  const rows: DraftRow[] = [];
  for (const record of records.slice(headerIndex + 1)) {
    const first = record[0] ?? { text: '', line: 1, column: 1 };
    const filled = record.filter((c) => c.text);
    if (filled.length === 1 && filled[0] === record[0] && sections.heading(first)) continue;
    if (record.length > headCells.length && record.slice(headCells.length).some((c) => c.text)) {
      diagnostics.push(
        makeDiagnostic(
          importRule,
          'too-many-cells',
          { file, path: [], line: first.line, column: 1 },
          { count: record.length, expected: headCells.length },
        ),
      );
      sections.touch();
      continue;
    }
    const row = pickRow(header, record, first.line);
    const category = sections.categoryOf(row.category);
    rows.push(category ? { ...row, category } : row);
  }
  const [title, ...intro] = preamble;
  const placed = sections.place(rows, options.category, notices, headCells[0] ?? { text: '', line: 1, column: 1 });
  return {
    page: {
      ...(title ? { title } : {}),
      ...(intro.length > 0 ? { introduction: intro.join('\n\n') } : {}),
      categories: sections.categories,
    },
    rows: placed,
  };
}
