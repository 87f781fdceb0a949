import type { PolicyMeta } from '../diagnostics/policy-meta.js';

/**
 * The checks the loader itself runs before any policy sees the data. They share the diagnostic shape and the doc
 * pages (docs/policies/ID.md) of the policies, so a contributor meets one kind of message whatever went wrong.
 */
export const fileFormat = {
  id: 'file-format',
  severity: 'error',
  description: 'A registry file must be a readable, reasonably small UTF-8 text file with LF line endings and no byte order mark.',
  messages: {
    'too-large': 'file is {{size}} bytes, over the {{limit}}-byte limit for a registry file',
    'invalid-utf8': 'file is not valid UTF-8: byte 0x{{byte}} cannot appear here',
    bom: 'file starts with a UTF-8 byte order mark (BOM)',
    crlf: 'line ends with a carriage return (\\r, as in Windows CR LF line endings)',
    empty: 'file is empty',
    'control-character': 'control character U+{{code}} is not allowed',
    'invisible-character': '{{where}} holds the invisible character U+{{code}} ({{kind}})',
    unreadable: 'cannot read the file: {{reason}}',
    'symlink-outside': 'symbolic link to {{target}} leads outside the registry',
    'broken-symlink': 'symbolic link to {{target}} leads to no file',
    'not-a-file': 'expected a regular file, found a {{kind}}',
    'unexpected-file': 'unexpected file in the subprocessors folder: only NAME.yaml files belong there',
  },
  hints: {
    'too-large': 'Registry files are a few hundred bytes to a few kilobytes; remove what does not belong in this one.',
    'invalid-utf8': 'Re-save the file with UTF-8 encoding.',
    bom: 'Re-save the file as UTF-8 without BOM.',
    crlf: 'Convert the file to LF line endings (the repository .gitattributes sets eol=lf; `git add --renormalize .` applies it).',
    empty: 'Write the fields as a YAML mapping (key: value lines); an existing file of the same kind is a good start.',
    'control-character': 'Remove it: invisible characters can hide text from reviewers, or rewrite the terminal that prints it.',
    'invisible-character':
      'Remove it, or the escape that writes it ("\\e", "\\u202E"…): reviewers cannot see it, yet it reaches the published list, the terminal and the CSV.',
    'symlink-outside': 'Replace the link with the file itself: the registry must be readable from git alone.',
    'broken-symlink': 'Replace the link with the file itself.',
    'not-a-file': 'Replace it with a YAML file, or move it out of the registry.',
    'unexpected-file': 'Rename it to ID.yaml if it is a subprocessor, or move it out of registry/subprocessors/.',
  },
} as const satisfies PolicyMeta;

export const yamlSyntax = {
  id: 'yaml-syntax',
  severity: 'error',
  description: 'Registry files use a plain subset of YAML 1.2: one document, a mapping at the top, unique keys, no anchors, aliases, merge keys or tags.',
  messages: {
    syntax: 'YAML syntax error: {{detail}}',
    'tab-indent': 'tab character used for indentation',
    'duplicate-key': 'key "{{key}}" appears more than once in this mapping',
    alias: 'alias *{{name}} is not allowed',
    anchor: 'anchor &{{name}} is not allowed',
    'merge-key': 'merge key << is not allowed',
    tag: 'explicit tag {{tag}} is not allowed',
    'complex-key': 'key is not a plain text key',
    'multiple-documents': 'file holds more than one YAML document',
    directive: 'YAML directive {{directive}} is not allowed',
    'too-deep': 'values are nested more than {{limit}} levels deep',
    'not-a-mapping': 'top level of the file is {{found}}, expected a mapping of fields (key: value)',
  },
  hints: {
    syntax: 'Check indentation and quoting around this position; quote values that contain ": " or start with a special character.',
    'tab-indent': 'Indent with spaces (two per level, as in the other registry files).',
    'duplicate-key': 'Keep a single "{{key}}": parsers disagree on which duplicate wins, so reviewers cannot know what is published.',
    alias: 'Write the value out in full: aliases hide content from reviewers and can expand without bound.',
    anchor: 'Remove the anchor and write repeated values out in full.',
    'merge-key': 'Write the merged fields out in full.',
    tag: 'Remove the tag; quote the value if it must stay text.',
    'complex-key': 'Use plain field names as keys.',
    'multiple-documents': 'Keep one subprocessor per file: move the part after "---" into a file of its own.',
    directive: 'Remove the line: registry files are always read as YAML 1.2, where NO stays the text "NO" (Norway).',
    'too-deep': 'A registry entry is a few levels deep; remove the nesting.',
    'not-a-mapping': 'Write the fields as key: value lines at the start of a line, one field per line.',
  },
} as const satisfies PolicyMeta;

export const schema = {
  id: 'schema',
  severity: 'error',
  description: 'Every registry file must match its JSON Schema (schemas/subprocessor.schema.json or schemas/registry.schema.json).',
  messages: {
    required: '{{owner}} is missing the required field "{{field}}"',
    'unknown-field': 'unknown field "{{field}}" in {{owner}}',
    'unknown-field-suggest': 'unknown field "{{field}}" in {{owner}}; did you mean "{{suggestion}}"?',
    type: '{{field}} must be {{expected}}, found {{found}}',
    enum: '{{field}} must be one of {{allowed}}, found {{value}}',
    'enum-suggest': '{{field}} must be one of {{allowed}}, found {{value}}; did you mean "{{suggestion}}"?',
    pattern: '{{field}} is {{value}}, which is not {{expected}}',
    'pattern-suggest': '{{field}} is {{value}}, which is not {{expected}}; did you mean "{{suggestion}}"?',
    format: '{{field}} is {{value}}, which is not {{expected}}',
    'too-short': '{{field}} must not be empty',
    'too-long': '{{field}} is longer than {{limit}} characters',
    'too-few': '{{field}} needs at least {{limit}} item(s)',
    'empty-mapping': '{{field}} is empty ({}) and says nothing',
    'duplicate-item': '{{field}} lists the same value twice (items {{first}} and {{second}} of the list)',
    range: '{{field}} must be {{comparison}} {{limit}}, found {{value}}',
    'retired-missing': 'status is retired but "retired" (the date and the reason) is missing',
    'retired-on-active': '"retired" is only allowed when status is retired',
    'mechanism-and-mechanisms': '{{field}} gives both "mechanism" and "mechanisms"; a location states one or the other',
    'none-in-mechanisms':
      '{{field}} lists "none" (no international transfer) among the mechanisms; a place that receives no transfer needs no mechanism to fall back on',
    other: '{{field}} {{detail}}',
  },
  hints: {
    required: 'Add "{{field}}:" here; see its description in {{schemaFile}}.',
    'unknown-field': 'Remove it or fix its spelling; allowed here: {{allowed}}.',
    'unknown-field-suggest': 'Rename it to "{{suggestion}}".',
    enum: 'Use one of: {{allowed}}.',
    'enum-suggest': 'Replace it with "{{suggestion}}".',
    pattern: 'Write {{expected}}.',
    'pattern-suggest': 'Replace it with "{{suggestion}}".',
    type: 'Write it as {{expected}}.',
    format: 'Write {{expected}}.',
    'empty-mapping': 'Give at least one of {{allowed}} (for example {{example}}), or remove {{field}}.',
    'retired-missing': 'Add:\n  retired:\n    on: YYYY-MM-DD\n    reason: why the vendor was retired',
    'retired-on-active': 'Set status: retired, or remove the "retired" block.',
    'mechanism-and-mechanisms':
      'Keep "mechanisms: [{{listed}}]" (every mechanism the agreement relies on, in its order of preference) and remove "mechanism: {{single}}", or the other way round.',
    'none-in-mechanisms': 'Write "mechanism: none" alone if no international transfer happens; otherwise remove none from the list.',
  },
} as const satisfies PolicyMeta;

export const fileName = {
  id: 'file-name',
  severity: 'error',
  description: 'A subprocessor file is named after its id, so that the id is stable and two files cannot claim one id.',
  messages: {
    'id-mismatch': 'id "{{id}}" does not match the file name {{fileName}}',
    'invalid-name': 'file name {{fileName}} is not a valid id (lower-case letters, digits and single hyphens)',
  },
  hints: {
    'id-mismatch': 'Rename the file to {{id}}.yaml, or set id: {{stem}} (ids are permanent: prefer renaming the file of a new entry).',
    'invalid-name': 'Rename the file to lower-case kebab-case, for example {{suggestion}}.yaml, and set the same id inside.',
  },
} as const satisfies PolicyMeta;

export const registryLayout = {
  id: 'registry-layout',
  severity: 'error',
  description: 'A registry folder holds registry.yaml (the settings) and a subprocessors/ folder with one file per subprocessor.',
  messages: {
    'missing-settings': 'the registry has no settings file registry.yaml',
    'missing-subprocessors': 'the registry has no subprocessors/ folder',
    'unknown-category': 'category "{{category}}" is not declared in {{settingsFile}}',
    'unknown-category-suggest': 'category "{{category}}" is not declared in {{settingsFile}}; did you mean "{{suggestion}}"?',
    'duplicate-category': 'category "{{category}}" is declared twice',
    'unknown-scope': '{{kind}} scope "{{scope}}" is not declared in {{settingsFile}}',
    'unknown-scope-suggest': '{{kind}} scope "{{scope}}" is not declared in {{settingsFile}}; did you mean "{{suggestion}}"?',
    'scope-kind-mismatch': 'scope "{{scope}}" is declared as a {{declaredKind}} scope, not a {{kind}} scope',
    'scope-outside-vendor': 'this place applies to {{kind}} scope "{{scope}}", which the vendor\'s own when: does not include',
    'duplicate-scope': 'scope "{{scope}}" is declared twice',
  },
  hints: {
    'missing-settings': 'Create registry.yaml with controller, noticePeriodDays and categories (see schemas/registry.schema.json).',
    'missing-subprocessors': 'Create the subprocessors/ folder with one ID.yaml file per subprocessor.',
    'unknown-category': 'Use one of: {{allowed}}; or declare the category in {{settingsFile}}.',
    'unknown-category-suggest': 'Replace it with "{{suggestion}}".',
    'duplicate-category': 'Remove one of the two declarations.',
    'unknown-scope': 'Use one of the {{kind}} scopes: {{allowed}}; or declare it in {{settingsFile}} (scopes: - id: {{scope}}, kind: {{kind}}, title: …).',
    'unknown-scope-suggest': 'Replace it with "{{suggestion}}".',
    'scope-kind-mismatch': 'Move it under {{declaredKind}}: (when: { {{declaredKind}}: [{{scope}}] }), or name a {{kind}} scope: {{allowed}}.',
    'scope-outside-vendor':
      "A place's when: narrows the vendor's, so this place never receives data: add {{scope}} to the vendor's when: {{kind}}, or remove it here.",
    'duplicate-scope': 'Remove one of the two declarations; ids are shared by all kinds.',
  },
} as const satisfies PolicyMeta;

export const BUILTIN_POLICIES = [fileFormat, yamlSyntax, schema, fileName, registryLayout] as const;
