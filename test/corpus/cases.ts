/**
 * The hostile-input corpus: each case is one file of test/corpus/files/ (committed byte for byte, see
 * .gitattributes) or one thing the test makes at run time (a 50 MB file, symbolic links, a folder named x.yaml),
 * installed into a copy of the shipped registry, with the diagnostic `subproc validate` must report for it.
 *
 * Subprocessor cases are added beside the 24 shipped files as registry/subprocessors/NAME.yaml, with `id: NAME`
 * inside, so that the only thing wrong with the registry is the case itself. Settings cases replace
 * registry/registry.yaml. Line and column are 1-based positions in the installed file.
 */

/** A diagnostic the CLI must report, in the installed file. */
export interface Expected {
  readonly policy: string;
  readonly messageId: string;
  readonly line: number;
  /** Omitted where the column is not meaningful (a whole line is wrong). */
  readonly column?: number;
  /** Text the message must contain: the did-you-mean suggestion, the offending key or byte. */
  readonly messageIncludes?: string;
  /** Text the hint must not contain: advice that does not apply to this file. */
  readonly hintExcludes?: string;
}

export type CaseSource =
  /** A file of test/corpus/files/. */
  | { readonly kind: 'file'; readonly file: string }
  /** A file of `bytes` bytes of YAML text, written by the test: too large to commit. */
  | { readonly kind: 'large-file'; readonly bytes: number }
  /** A folder (holding one file) where a file is expected. */
  | { readonly kind: 'directory' }
  /** A symbolic link to a valid subprocessor file outside the registry folder. */
  | { readonly kind: 'symlink-outside' }
  /** A symbolic link to a file that does not exist. */
  | { readonly kind: 'broken-symlink' }
  /** The whole subprocessors/ folder moved outside the registry and replaced by a symbolic link to it. */
  | { readonly kind: 'subprocessors-symlink-outside' };

export interface CorpusCase {
  readonly name: string;
  readonly source: CaseSource;
  /** Where the case goes, relative to the folder holding registry/. */
  readonly installAs: string;
  readonly expect: Expected;
  /** Lines of the installed file that no diagnostic may point at: values that must have been accepted as written. */
  readonly cleanLines?: readonly number[];
  /** Subprocessor files that must still load and validate; the 24 shipped ones unless the case says otherwise. */
  readonly validSubprocessors?: number;
  /** The CLI does not meet `expect` today: the case runs as it.fails, and this says what goes wrong. */
  readonly bug?: string;
  /** The CLI meets `expect`, but not this stricter expectation: it runs as a separate it.fails. */
  readonly alsoBug?: { readonly note: string; readonly expect: Expected };
}

const SUB = 'registry/subprocessors';
const SETTINGS = 'registry/registry.yaml';

/** A committed subprocessor case: test/corpus/files/NAME.yaml installed as registry/subprocessors/NAME.yaml. */
function sub(name: string, expect: Expected, extra: Partial<CorpusCase> = {}): CorpusCase {
  return { name, source: { kind: 'file', file: `${name}.yaml` }, installAs: `${SUB}/${name}.yaml`, expect, ...extra };
}

/** A committed settings case: test/corpus/files/NAME.yaml installed as registry/registry.yaml. */
function settings(name: string, expect: Expected, extra: Partial<CorpusCase> = {}): CorpusCase {
  return { name, source: { kind: 'file', file: `${name}.yaml` }, installAs: SETTINGS, expect, ...extra };
}

const yamlSyntax = (messageId: string, line: number, column?: number, messageIncludes?: string): Expected => ({
  policy: 'yaml-syntax',
  messageId,
  line,
  ...(column === undefined ? {} : { column }),
  ...(messageIncludes === undefined ? {} : { messageIncludes }),
});

const fileFormat = (messageId: string, messageIncludes?: string): Expected => ({
  policy: 'file-format',
  messageId,
  line: 1,
  column: 1,
  ...(messageIncludes === undefined ? {} : { messageIncludes }),
});

const invalidUtf8 = (line: number, column: number, byte: string): Expected => ({
  policy: 'file-format',
  messageId: 'invalid-utf8',
  line,
  column,
  messageIncludes: `byte 0x${byte} `,
});

const schema = (messageId: string, line: number, column: number, messageIncludes?: string): Expected => ({
  policy: 'schema',
  messageId,
  line,
  column,
  ...(messageIncludes === undefined ? {} : { messageIncludes }),
});

/** An invisible character in `where` (a field, a key's owner, a comment), by its code point. */
const invisible = (line: number, column: number, where: string, code: string): Expected => ({
  policy: 'file-format',
  messageId: 'invisible-character',
  line,
  column,
  messageIncludes: `${where} holds the invisible character U+${code} `,
});

/** The subprocessor files of the shipped registry, all valid. */
const SHIPPED = 24;

/** A place that is not a code at all is the unknown-country finding, with the code to write. */
const notAPlaceCode = (line: number, column: number, suggestion: string): Expected => ({
  policy: 'unknown-country',
  messageId: 'not-a-code-suggest',
  line,
  column,
  messageIncludes: `did you mean "${suggestion}"`,
});

export const CASES: readonly CorpusCase[] = [
  // --- YAML syntax ---------------------------------------------------------------------------------------------
  // The parser meets the end of the file first; the report points back at the quote that was never closed.
  sub('unclosed-double-quote', yamlSyntax('syntax', 2, 7, 'quote')),
  sub('unclosed-bracket', yamlSyntax('syntax', 5, 1, ']')),
  sub('unclosed-brace', yamlSyntax('syntax', 8, 1, '}')),
  sub('over-indented-key', yamlSyntax('syntax', 8), {
    bug: 'the key indented one space too far on line 8 is reported on line 7, column 12 (the value FR), as "Nested mappings are not allowed in compact mappings"',
  }),
  sub('under-indented-key', yamlSyntax('syntax', 8)),
  sub('inconsistent-list-indent', yamlSyntax('syntax', 6)),
  sub('tab-indent', yamlSyntax('tab-indent', 8, 1)),
  sub('duplicate-key', yamlSyntax('duplicate-key', 4, 1, 'key "name"')),
  sub('duplicate-key-quoted', yamlSyntax('duplicate-key', 9, 5, 'key "place"')),
  // Nine anchors, each list aliasing the previous one nine times: 9^9 "lol"s if expanded.
  sub('billion-laughs', yamlSyntax('alias', 12, 10, 'alias *a ')),
  sub('anchor', yamlSyntax('anchor', 2, 7, '&vendor')),
  sub('alias', yamlSyntax('alias', 6, 5, '*task')),
  sub('merge-key', yamlSyntax('merge-key', 9, 5)),
  sub('tag-binary', yamlSyntax('tag', 10, 8, '!!binary')),
  sub('tag-custom', yamlSyntax('tag', 2, 7, '!custom')),
  sub('multiple-documents', yamlSyntax('multiple-documents', 10, 1)),
  sub('complex-key', yamlSyntax('complex-key', 10, 3)),
  // %YAML 1.1 would bring back YAML 1.1 types (NO as false, dates as dates): the directive itself is refused.
  sub('yaml-1-1-directive', yamlSyntax('directive', 1, 1, '%YAML'), { cleanLines: [9, 10, 13] }),
  // Refused before the composer recurses into them, at a position that does not depend on the stack size: where
  // the first collection past level 64 starts (the top-level mapping is level 0).
  sub('deep-flow-nesting', yamlSyntax('too-deep', 10, 72)),
  sub('deep-sequence-nesting', yamlSyntax('too-deep', 11, 131)),
  // 700 levels of block mappings, as deep as indentation allows under the size limit: every kind of nesting counts.
  sub('deep-mapping-nesting', yamlSyntax('too-deep', 75, 66)),
  // Quotes YAML does not read as quotes (an apostrophe inside a plain item, an escaped quote, a quoted item running
  // onto the next line) hid the brackets after them from the old line scanner: 3,000 levels overflowed the stack.
  sub('quote-hides-brackets', yamlSyntax('too-deep', 10, 78)),
  sub('escaped-quote-hides-brackets', yamlSyntax('too-deep', 10, 79)),
  sub('multi-line-quote-brackets', yamlSyntax('too-deep', 11, 75)),
  // Explicit keys nest as deeply as brackets, two bytes a level.
  sub('question-mark-nesting', yamlSyntax('too-deep', 11, 131)),
  sub('long-line', schema('too-long', 2, 7, 'name')),

  // --- Bytes and files -----------------------------------------------------------------------------------------
  sub('empty', fileFormat('empty')),
  sub('comment-only', fileFormat('empty')),
  sub('document-marker-only', yamlSyntax('not-a-mapping', 1, undefined, 'empty')),
  sub('bom', fileFormat('bom')),
  // An escape sequence in a value would rewrite the terminal of whoever prints the diagnostics.
  sub('control-character', { policy: 'file-format', messageId: 'control-character', line: 2, column: 12, messageIncludes: 'U+001B' }),
  sub('nul-character', { policy: 'file-format', messageId: 'control-character', line: 2, column: 11, messageIncludes: 'U+0000' }),
  sub('crlf', { policy: 'file-format', messageId: 'crlf', line: 1, column: 9 }),
  sub('lone-cr', { policy: 'file-format', messageId: 'crlf', line: 9, column: 15 }),
  sub('invalid-utf8-ff', invalidUtf8(2, 12, 'FF')),
  sub('invalid-utf8-latin1', invalidUtf8(2, 11, 'E9')),
  sub('invalid-utf8-overlong', invalidUtf8(5, 13, 'C0')),
  sub('invalid-utf8-overlong-3-byte', invalidUtf8(5, 6, 'E0')),
  sub('invalid-utf8-continuation', invalidUtf8(9, 12, '80')),
  sub('invalid-utf8-truncated', invalidUtf8(10, 11, 'C3')),
  sub('invalid-utf8-surrogate', invalidUtf8(3, 15, 'ED')),

  // --- Invisible characters, once escapes are resolved: at the key or value that holds them ----------------------
  // Written as escapes, which the byte check cannot see: ESC (a terminal sequence), NUL, NEL, a lone surrogate.
  sub('escape-sequence-value', invisible(2, 7, 'name', '001B')),
  sub('nul-escape-value', invisible(5, 5, 'tasks[0]', '0000')),
  sub('nel-escape', invisible(9, 22, 'locations[0].mechanismDetail', '0085')),
  sub('lone-surrogate-escape', invisible(3, 14, 'legalEntity', 'D800')),
  // Written as they are: a right-to-left override, a zero-width space, a line separator.
  sub('bidi-override-literal', invisible(2, 7, 'name', '202E')),
  sub('zero-width-space-literal', invisible(2, 7, 'name', '200B')),
  sub('line-separator-literal', invisible(10, 8, 'notes', '2028')),
  sub('isolate-in-flow-item', invisible(8, 18, 'locations[0].users[1]', '2066')),
  // The notes block keeps its line feeds (lines 11 to 13 pass); the service's paragraph separator does not.
  sub('paragraph-separator-escape', invisible(4, 10, 'service', '2029'), { cleanLines: [11, 12, 13] }),
  sub('invisible-key', invisible(2, 1, 'a key at the top of the file', '202E')),
  // Outside any value: reported at the character itself.
  sub('bidi-in-comment', invisible(2, 23, 'a comment', '202E')),
  // A file refused for its syntax is never value-checked, but the parser's message quotes it: the quote is visible.
  sub('invisible-in-syntax-error', yamlSyntax('syntax', 2, 13, 'Invalid escape sequence \\x8<U+2060>')),
  {
    name: 'not-yaml-extension',
    source: { kind: 'file', file: 'notes.txt' },
    installAs: `${SUB}/notes.txt`,
    expect: fileFormat('unexpected-file'),
  },
  {
    name: 'fifty-megabytes',
    source: { kind: 'large-file', bytes: 50 * 1024 * 1024 },
    installAs: `${SUB}/fifty-megabytes.yaml`,
    expect: fileFormat('too-large', `${50 * 1024 * 1024} bytes`),
  },
  {
    name: 'directory-named-yaml',
    source: { kind: 'directory' },
    installAs: `${SUB}/directory-named-yaml.yaml`,
    expect: fileFormat('not-a-file', 'folder'),
  },
  {
    name: 'symlink-outside',
    source: { kind: 'symlink-outside' },
    installAs: `${SUB}/symlink-outside.yaml`,
    expect: fileFormat('symlink-outside', 'vendor.yaml'),
  },
  {
    name: 'broken-symlink',
    source: { kind: 'broken-symlink' },
    installAs: `${SUB}/broken-symlink.yaml`,
    expect: fileFormat('broken-symlink', 'missing.yaml'),
  },
  {
    name: 'subprocessors-folder-symlink-outside',
    source: { kind: 'subprocessors-symlink-outside' },
    installAs: SUB,
    expect: fileFormat('symlink-outside'),
    validSubprocessors: 0,
  },

  // --- Schema, names and categories ----------------------------------------------------------------------------
  sub('proto-key', schema('unknown-field', 10, 1, '"__proto__"')),
  sub('proto-key-nested', schema('unknown-field', 9, 5, '"__proto__"')),
  sub('constructor-key', schema('unknown-field', 10, 1, '"constructor"')),
  // NO (Norway), NO inside a flow list and an unquoted date are accepted as text; the only error is "website".
  sub('country-no', schema('unknown-field', 12, 1, '"website"'), { cleanLines: [7, 8, 11] }),
  sub('country-no-lowercase', notAPlaceCode(7, 12, 'NO')),
  sub('country-lowercase', notAPlaceCode(7, 12, 'FR')),
  sub('country-name', notAPlaceCode(7, 12, 'FR')),
  sub('tasks-not-a-list', schema('type', 4, 8, 'found the text')),
  sub('location-is-a-list', schema('type', 7, 5, 'found a list')),
  sub('links-is-a-list', schema('type', 11, 3, 'found a list')),
  sub('name-is-a-number', schema('type', 2, 7, 'found the number 42')),
  sub('unknown-field-suggest', schema('unknown-field-suggest', 10, 1, 'did you mean "service"')),
  sub('status-typo', schema('enum-suggest', 9, 9, 'did you mean "active"')),
  sub('mechanism-name', schema('enum-suggest', 8, 16, 'did you mean "scc"')),
  sub('date-february-30', schema('format', 10, 8, '"2024-02-30"')),
  sub('date-month-13', schema('format', 10, 8, '"2024-13-01"')),
  sub('retired-missing', schema('retired-missing', 1, 1)),
  sub('retired-on-active', schema('retired-on-active', 10, 1)),
  sub('top-level-list', yamlSyntax('not-a-mapping', 1, 1, 'a list')),
  sub('scalar-document', yamlSyntax('not-a-mapping', 1, 1, 'a single value')),
  sub('id-mismatch', { policy: 'file-name', messageId: 'id-mismatch', line: 1, column: 5, messageIncludes: '"not-the-file-name"' }),
  sub('Upper_Case', { policy: 'file-name', messageId: 'invalid-name', line: 1, column: 1, messageIncludes: 'Upper_Case.yaml' }),
  // A Cyrillic capital KA (U+041A) for the Latin K: the shipped Klarna again, compared through look-alikes. The
  // file loads (25 subprocessors), so the case runs alone.
  sub(
    'lookalike-klarna',
    { policy: 'duplicate-subprocessor', messageId: 'lookalike-name', line: 2, column: 7, messageIncludes: 'U+041A' },
    { validSubprocessors: SHIPPED + 1 },
  ),
  sub('unknown-category', {
    policy: 'registry-layout',
    messageId: 'unknown-category-suggest',
    line: 3,
    column: 11,
    messageIncludes: 'did you mean "hosting"',
  }),

  // --- registry.yaml -------------------------------------------------------------------------------------------
  settings('settings-missing-controller', schema('required', 2, 1, '"controller"')),
  settings('settings-negative-notice', schema('range', 7, 19, '-1')),
  settings('settings-notice-text', schema('type', 7, 19, '"thirty"')),
  settings('settings-duplicate-category', {
    policy: 'registry-layout',
    messageId: 'duplicate-category',
    line: 25,
    column: 9,
    messageIncludes: '"payment"',
  }),
  // controller.country NO stays Norway; the only error is noticePeriodDays: 400.
  settings('settings-country-no', schema('range', 7, 19, '400'), { cleanLines: [6] }),
  settings('settings-country-name', schema('pattern-suggest', 6, 12, 'did you mean "FR"')),
  settings('settings-bom', fileFormat('bom')),
  settings('settings-invisible-controller', invisible(5, 9, 'controller.name', '202E')),
  // Hints fit registry.yaml as well as subprocessor files.
  settings('settings-list', { ...yamlSyntax('not-a-mapping', 1, 1, 'a list'), hintExcludes: '"id: ..."' }),
  settings('settings-empty', { ...fileFormat('empty'), hintExcludes: 'registry/subprocessors/' }),
  {
    name: 'settings-directory',
    source: { kind: 'directory' },
    installAs: SETTINGS,
    expect: { ...fileFormat('not-a-file', 'folder'), hintExcludes: 'subprocessors folder' },
  },
];
