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
  type Header,
  type PageInfo,
  type RawRow,
} from './row.js';
import { Sections } from './sections.js';

/** A section heading in capitals ("CUSTOMER SUPPORT"), as the seed page writes them. */
const CAPITALS = /^[A-Z][A-Z0-9 &/-]*$/;

/** A Markdown heading ("## Customer support"), as a page saved from a wiki or a README writes them. */
const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

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
 * sections, each a heading line, a tab-separated header row and tab-separated rows. A heading is a line in
 * capitals, a Markdown heading, or a table row with only its first cell filled; a page without headings takes
 * --category, or the default category with a notice (sections.ts).
 */
export function readPageText(
  file: string,
  text: string,
  diagnostics: Diagnostic[],
  notices: Diagnostic[],
  category: string | undefined,
): { page: PageInfo; rows: RawRow[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let title: string | undefined;
  const intro: string[] = [];
  const sections = new Sections(file, diagnostics);
  const rows: DraftRow[] = [];
  let header: Header | undefined;
  let firstHeader: Cell | undefined;
  let inSection = false;
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/^\uFEFF/, '');
    if (!line.trim()) return;
    const cells = cellsOf(line, lineNumber);
    const filled = cells.filter((c) => c.text);
    const first = filled[0];
    if (!first) return;
    const resolved = resolveHeader(cells);
    // The title comes before the table: once a header row has been read, a lone line is a section heading.
    if (title === undefined && !header && !isHeader(resolved)) {
      title = line.trim();
      return;
    }
    if (line.trim() === title) return;
    if (filled.length === 1) {
      const markdown = MARKDOWN_HEADING.exec(first.text);
      const heading = markdown ? { ...first, text: markdown[1] ?? '' } : first;
      const tableRow = line.includes('\t') && first === cells[0];
      if ((markdown || CAPITALS.test(first.text) || (tableRow && (inSection || header))) && sections.heading(heading)) {
        // The header row above still holds: a table with heading rows inside it names its columns once.
        inSection = true;
        return;
      }
    }
    if (!inSection && !header && filled.length === 1 && !line.includes('\t')) {
      intro.push(line.trim());
      return;
    }
    if (isHeader(resolved)) {
      header = resolved;
      firstHeader ??= cells[0];
      for (const column of missingColumns(header)) {
        const { label, accepted } = COLUMN_LABELS[column];
        diagnostics.push(
          makeDiagnostic(importRule, 'missing-column', { file, path: [], line: lineNumber, column: 1 }, { column: label, accepted }),
        );
      }
      for (const cell of resolved.ignored) {
        const where = { file, path: [], line: cell.line, column: cell.column };
        notices.push(makeDiagnostic(importRule, 'ignored-column', where, { header: cell.text }, 'info'));
      }
      return;
    }
    const where = { file, path: [], line: lineNumber, column: first.column };
    sections.touch();
    if (!header) {
      diagnostics.push(makeDiagnostic(importRule, line.includes('\t') ? 'no-header' : 'unreadable-line', where));
      return;
    }
    if (!line.includes('\t')) {
      diagnostics.push(makeDiagnostic(importRule, 'unreadable-line', where));
      return;
    }
    const expected = header.cells.length;
    if (cells.length > expected && cells.slice(expected).some((c) => c.text)) {
      diagnostics.push(makeDiagnostic(importRule, 'too-many-cells', where, { count: cells.length, expected }));
      return;
    }
    const row = pickRow(header, cells, lineNumber);
    const section = sections.categoryOf(row.category);
    rows.push(section ? { ...row, category: section } : row);
  });
  const placed = sections.place(rows, category, notices, firstHeader ?? { text: '', line: 1, column: 1 });
  return {
    page: { ...(title ? { title } : {}), ...(intro.length ? { introduction: intro.join('\n\n') } : {}), categories: sections.categories },
    rows: placed,
  };
}
