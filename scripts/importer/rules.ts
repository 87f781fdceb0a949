import type { PolicyMeta } from '../diagnostics/policy-meta.js';

export const importRule = {
  id: 'import',
  severity: 'error',
  description: 'The importer maps a published subprocessor page to registry files and refuses what it cannot map, rather than guessing.',
  messages: {
    'unknown-place': 'cannot map the place "{{place}}" to a country or region code',
    'unknown-place-suggest': 'cannot map the place "{{place}}" to a country or region code; did you mean {{suggestion}}?',
    'unknown-scope': 'cannot read the user scope "{{scope}}"',
    'unknown-mechanism': 'cannot map the transfer mechanism "{{mechanism}}" to a mechanism id',
    'empty-cell': 'the {{column}} cell is empty',
    'no-task': 'the service cell names no performed task',
    'nothing-to-inherit': 'the service cell is empty and no row above in this section can lend it (merged cells)',
    'no-section': 'a subprocessor row appears before any section heading',
    'no-header': 'a subprocessor row appears before the column header row',
    'missing-column': 'the header row has no "{{column}}" column',
    'too-many-cells': 'the row has {{count}} cells, the header has {{expected}}',
    'unreadable-line': 'cannot read this line: it is neither a heading, a header row nor a subprocessor row',
    'duplicate-id': 'the subprocessor id "{{id}}" is already used on line {{otherLine}}',
    'unclosed-quote': 'a quoted CSV field is not closed',
    'no-rows': 'the file holds no subprocessor rows',
  },
  hints: {
    'unknown-place':
      'Write a country name in English (Germany, United States), an ISO code (DE, US), or a region: European Economic Area, European Union, Europe, North America, World.',
    'unknown-place-suggest': 'Replace it with {{suggestion}}.',
    'unknown-scope': 'Write the scope as "users in PLACE", for example "(users in Europe)".',
    'unknown-mechanism':
      'Use one of the wordings: No international transfer, Adequacy decision, Data Privacy Framework, Standard Contractual Clauses, Binding Corporate Rules, Code of conduct, Certification, Ad hoc contractual clauses, Derogation.',
    'empty-cell': 'Fill in the {{column}}.',
    'no-task':
      'Name the performed task: in italics on a page (Service <i>Performed task</i>), or in the Performed task column of a CSV file.',
    'nothing-to-inherit': 'Fill in the service and task of this row.',
    'no-section': 'Add a section heading line (for example HOSTING) above the rows.',
    'no-header':
      'Add the header row: Subcontractor, Storage place, Mechanism allowing international data transfer, Service provided and Performed task.',
    'missing-column':
      'Name the columns: Subcontractor, Storage place, Mechanism allowing international data transfer, Service provided and Performed task (and Category for CSV).',
    'too-many-cells': 'Check for a stray tab or comma, or quote a CSV field that contains a comma.',
    'unreadable-line': 'Remove the line, or separate the cells of a row with tabs.',
    'duplicate-id': 'Two rows name the same vendor: merge them into one row with several places.',
    'unclosed-quote': 'Close the field with a double quote; write "" for a quote inside it.',
  },
} as const satisfies PolicyMeta;
