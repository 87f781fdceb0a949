import type { PolicyMeta } from '../diagnostics/policy-meta.js';

/** The languages whose country names the importer reads (scripts/registry/place-names.ts), for the hints. */
const PLACE_HINT =
  'Write a country name in English, German, French, Spanish, Italian, Dutch, Polish, Portuguese or Swedish (Germany, Deutschland, Allemagne), an ISO code (DE, US), or a region: European Economic Area, European Union, Europe, North America, World.';

export const importRule = {
  id: 'import',
  severity: 'error',
  description: 'The importer maps a published subprocessor page to registry files and refuses what it cannot map, rather than guessing.',
  messages: {
    'unknown-place': 'cannot map the place "{{place}}" to a country or region code',
    'unknown-place-suggest': 'cannot map the place "{{place}}" to a country or region code; did you mean {{suggestion}}?',
    'ambiguous-place': 'the place "{{place}}" names more than one country ({{codes}})',
    'unknown-scope': 'cannot read the user scope "{{scope}}"',
    'unknown-mechanism': 'cannot map the transfer mechanism "{{mechanism}}" to a mechanism id',
    'unknown-vocabulary': 'cannot map the {{what}} "{{value}}" to an id of {{file}}',
    'unknown-vocabulary-suggest': 'cannot map the {{what}} "{{value}}" to an id of {{file}}; did you mean "{{suggestion}}"?',
    'empty-cell': 'the {{column}} cell is empty',
    'no-task': 'the service cell names no performed task',
    'nothing-to-inherit': 'the service cell is empty and no row above in this section can lend it (merged cells)',
    'no-section': 'a subprocessor row appears before the first section heading',
    'empty-section': 'the heading "{{heading}}" has no subprocessor row under it',
    'no-header': 'a subprocessor row appears before the column header row',
    'missing-column': 'the header row has no "{{column}}" column',
    'too-many-cells': 'the row has {{count}} cells, the header has {{expected}}',
    'unreadable-line': 'cannot read this line: it is neither a heading, a header row nor a subprocessor row',
    'duplicate-id': 'the subprocessor id "{{id}}" is already used on line {{otherLine}}',
    'no-id': 'the {{column}} "{{text}}" has no Latin letter or digit to make an id of',
    'invalid-entry': 'this row would make an invalid registry entry: {{problem}}',
    'unclosed-quote': 'a quoted CSV field is not closed',
    'no-rows': 'the file holds no subprocessor rows',
    'default-category':
      'the file names no category (no Category column, no section heading): every subprocessor goes in "{{title}}" (id {{id}})',
    'ignored-column': 'the column "{{header}}" is not read',
    'unknown-status': 'cannot read the status "{{status}}"',
    'status-conflict': 'the Status cell says "{{status}}", but the {{column}} cell says {{value}}',
    'retirement-needs-column':
      'the row says the vendor retires, but the file has no "{{column}}" column: the registry needs the day and the reason of a retirement',
  },
  hints: {
    'unknown-place': PLACE_HINT,
    'unknown-place-suggest': 'Replace it with {{suggestion}}.',
    'ambiguous-place': 'Write the ISO code of the country meant: one of {{codes}}.',
    'unknown-scope': 'Write the scope as "users in PLACE", for example "(users in Europe)".',
    'unknown-mechanism':
      'Use one of the wordings: No international transfer, Adequacy decision, Data Privacy Framework, Standard Contractual Clauses, Binding Corporate Rules, Code of conduct, Certification, Ad hoc contractual clauses, Derogation.',
    'unknown-vocabulary': 'Write ids or titles of the vocabulary, separated by ";" or ",": {{ids}}.',
    'unknown-vocabulary-suggest': 'Replace it with "{{suggestion}}".',
    'empty-cell': 'Fill in the {{column}}.',
    'no-task': 'Name the performed task: in italics on a page (Service <i>Performed task</i>), or in a Purpose or Performed task column.',
    'nothing-to-inherit': 'Fill in the service and task of this row.',
    'no-section':
      'Add a section heading above it (a row with only its first cell filled), or pass --category NAME for the rows before the first heading.',
    'empty-section': 'If "{{heading}}" is a subprocessor, fill in its other cells; if it is a heading, put its rows under it or remove it.',
    'no-header': 'Add the header row (Subprocessor, Location, Transfer mechanism, Purpose) above the rows.',
    'missing-column': 'Add the column, or rename yours to one of: {{accepted}}.',
    'too-many-cells': 'Check for a stray tab or comma, or quote a CSV field that contains a comma.',
    'unreadable-line':
      'Separate the cells of a row with tabs. A section heading is a line in capitals (HOSTING), a Markdown heading (## Hosting) or the name followed by a tab; remove any other line.',
    'duplicate-id': 'Two rows name the same vendor: merge them into one row with several places.',
    'no-id':
      'Ids (file names) are written in Latin letters and digits: add the name in Latin script, for example "Alibaba Cloud (阿里云)", or import the row by hand.',
    'invalid-entry': 'Shorten or correct the cell: schemas/subprocessor.schema.json sets the limits every registry file must keep.',
    'unclosed-quote': 'Close the field with a double quote; write "" for a quote inside it.',
    'default-category': 'Pass --category NAME to name it, or add section heading rows (a row with only its first cell filled).',
    'ignored-column':
      'The importer reads the subprocessor, its locations, the transfer mechanism, the purpose or service and tasks, the category, and the data categories and subjects; rename the column if it is one of those.',
    'unknown-status': 'Write active, retired, "upcoming (from YYYY-MM-DD)" or "retiring (on YYYY-MM-DD)", as the release CSV does.',
    'status-conflict': 'Make the two cells agree, or empty the Status cell: the Since and Retired on columns are what the importer keeps.',
    'retirement-needs-column':
      'Add a "{{column}}" column and fill it for this row (a release CSV from subproc writes Since, Retired on and Retirement reason before Status), or remove the row and write its retirement in registry/subprocessors/ID.yaml by hand.',
  },
} as const satisfies PolicyMeta;
