import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { RegistrySettings } from '../generated/registry.js';
import { buildSubprocessors, type ImportedSubprocessor } from './build-registry.js';
import { readCsv } from './csv.js';
import { readPageText } from './page-text.js';
import { importRule } from './rules.js';

export type ImportFormat = 'text' | 'csv' | 'tsv';

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly controller?: { name: string; country: string };
  readonly noticePeriodDays: number;
  /** The category of rows the file puts in no section: all of them, for a list without headings. */
  readonly category?: string;
}

export interface ImportResult {
  readonly settings?: Omit<RegistrySettings, 'controller'> & { controller?: RegistrySettings['controller'] };
  readonly subprocessors: readonly ImportedSubprocessor[];
  /** Why the import refuses: any of them, and nothing is written. */
  readonly diagnostics: readonly Diagnostic[];
  /** What the import decided that the file did not say (a default category, a column it does not read). */
  readonly notices: readonly Diagnostic[];
}

/** Pure: the text of a page (or CSV) in, the registry it describes and the located problems out. */
export function importPage(file: string, text: string, options: ImportOptions): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const notices: Diagnostic[] = [];
  const { page, rows } =
    options.format === 'text'
      ? readPageText(file, text, diagnostics, notices, options.category)
      : readCsv(file, text, diagnostics, notices, {
          delimiter: options.format === 'tsv' ? '\t' : ',',
          ...(options.category !== undefined ? { category: options.category } : {}),
        });
  const subprocessors = buildSubprocessors(file, rows, diagnostics);
  if (rows.length === 0 && diagnostics.length === 0) {
    diagnostics.push(makeDiagnostic(importRule, 'no-rows', { file, path: [], line: 1, column: 1 }));
  }
  const used = new Set(subprocessors.map((s) => s.value.category));
  const settings = {
    ...(page.title ? { title: page.title } : {}),
    ...(page.introduction ? { introduction: page.introduction } : {}),
    ...(options.controller ? { controller: options.controller } : {}),
    noticePeriodDays: options.noticePeriodDays,
    categories: page.categories.filter((c) => used.has(c.id)) as RegistrySettings['categories'],
  };
  return { settings, subprocessors, diagnostics, notices };
}
