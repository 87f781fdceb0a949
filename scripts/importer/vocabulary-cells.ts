import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { DATA_CATEGORIES_FILE, DATA_SUBJECTS_FILE, readVocabulary } from '../registry/data-vocabulary.js';
import { headerKey, type Cell } from './row.js';
import { importRule } from './rules.js';

const VOCABULARIES = {
  category: { file: DATA_CATEGORIES_FILE, what: 'data category' },
  subject: { file: DATA_SUBJECTS_FILE, what: 'data subject' },
} as const;

/**
 * A Data categories or Data subjects cell: ids or titles of the vocabulary, several separated by ";" or ",". A
 * title may carry the mark the release writes after it ("Health data (Art. 9)"). An empty cell gives none; a value
 * the vocabulary does not hold is refused at the cell, with the nearest id or title, and the row is skipped
 * (undefined): guessing what data a vendor gets is what the field must not do.
 */
export function readVocabularyCell(
  file: string,
  cell: Cell,
  kind: keyof typeof VOCABULARIES,
  diagnostics: Diagnostic[],
): string[] | undefined {
  const { file: source, what } = VOCABULARIES[kind];
  const terms = readVocabulary(source).terms;
  const byKey = new Map<string, string>();
  for (const term of terms) {
    byKey.set(term.id, term.id);
    byKey.set(headerKey(term.title), term.id);
  }
  const ids: string[] = [];
  let failed = false;
  for (const value of cell.text.split(/[;,]/).map((v) => v.trim())) {
    if (value === '') continue;
    const id = byKey.get(value) ?? byKey.get(headerKey(value.replace(/\s*\([^)]*\)$/, '')));
    if (id !== undefined) {
      if (!ids.includes(id)) ids.push(id);
      continue;
    }
    failed = true;
    const suggestion = didYouMean(value, [...terms.map((t) => t.id), ...terms.map((t) => t.title)]);
    const at = { file, path: [], line: cell.line, column: cell.column };
    const data = { what, value, file: source, ids: terms.map((t) => t.id).join(', ') };
    diagnostics.push(
      suggestion === undefined
        ? makeDiagnostic(importRule, 'unknown-vocabulary', at, data)
        : makeDiagnostic(importRule, 'unknown-vocabulary-suggest', at, { ...data, suggestion }),
    );
  }
  return failed ? undefined : ids;
}
