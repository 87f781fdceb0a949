import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { importRule } from './rules.js';
import { slugify, type Cell, type DraftRow, type RawRow } from './row.js';

/** The category of a list that names none, when --category does not name it either: said in a notice. */
export const DEFAULT_CATEGORY = 'Subprocessors';

/**
 * The sections of a list as a reader meets them: heading rows (or Category cells) open one, rows fill it. A heading
 * with no row under it is refused: it is more likely a vendor whose other cells are missing than an empty section.
 */
export class Sections {
  readonly categories: { id: string; title: string }[] = [];
  private open: { cell: Cell; rows: number; heading: boolean } | undefined;
  private named = false;

  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** A heading row: the text becomes a category, and rows below belong to it. False when it cannot name one. */
  heading(cell: Cell): boolean {
    if (!slugify(cell.text)) return false;
    this.close();
    this.start(cell, true);
    return true;
  }

  /** The category a row belongs to: its own Category cell (which then continues to the rows below), or the open one. */
  categoryOf(own: Cell | undefined): Cell | undefined {
    if (own && slugify(own.text) !== (this.open ? slugify(this.open.cell.text) : undefined)) {
      this.close();
      this.start(own, false);
    }
    if (this.open) this.open.rows++;
    return this.open?.cell;
  }

  /** A line under the open heading that is meant as a row, read or refused: the heading is not empty. */
  touch(): void {
    if (this.open) this.open.rows++;
  }

  /** Closes the last section; then the rows no section holds get one (see place()). */
  close(): void {
    const open = this.open;
    if (open?.heading && open.rows === 0) {
      const where = { file: this.file, path: [], line: open.cell.line, column: open.cell.column };
      this.diagnostics.push(makeDiagnostic(importRule, 'empty-section', where, { heading: open.cell.text }));
    }
    this.open = undefined;
  }

  private start(cell: Cell, heading: boolean) {
    this.named = true;
    this.open = { cell, rows: 0, heading };
    const id = slugify(cell.text);
    if (!this.categories.some((c) => c.id === id)) this.categories.push({ id, title: cell.text });
  }

  /**
   * Gives every row its category. Rows outside any section take --category; in a list that names no section at
   * all they take the default category, with a notice. Rows before the first heading of a list that has headings
   * are refused without --category: the list's own structure says they belong somewhere, and it does not say where.
   */
  place(rows: readonly DraftRow[], fallback: string | undefined, notices: Diagnostic[], at: Cell): RawRow[] {
    this.close();
    const orphans = rows.filter((r) => !r.category);
    const given = fallback?.trim();
    let title: string | undefined = given;
    if (orphans.length > 0 && !given) {
      if (this.named) {
        for (const row of orphans) {
          const where = { file: this.file, path: [], line: row.line, column: row.name.column };
          this.diagnostics.push(makeDiagnostic(importRule, 'no-section', where));
        }
        return [];
      }
      title = DEFAULT_CATEGORY;
      const where = { file: this.file, path: [], line: at.line, column: at.column };
      notices.push(makeDiagnostic(importRule, 'default-category', where, { title, id: slugify(title) }, 'info'));
    }
    if (orphans.length > 0 && title) {
      const id = slugify(title);
      if (!this.categories.some((c) => c.id === id)) this.categories.unshift({ id, title });
    }
    return rows.map((row): RawRow => ({ ...row, category: row.category ?? { text: title ?? '', line: row.line, column: 1 } }));
  }
}
