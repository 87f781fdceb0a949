import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import type { PolicyMeta } from '../scripts/diagnostics/policy-meta.js';
import { importPage, type ImportFormat } from '../scripts/importer/import-page.js';
import { runValidate } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { schemaDiagnostics } from '../scripts/registry/ajv-messages.js';
import { MAX_FILE_BYTES } from '../scripts/registry/layout.js';
import { parseRegistryYaml } from '../scripts/registry/parse-yaml.js';
import { UNKNOWN_COUNTRY } from '../scripts/registry/place-rule.js';
import { createAjv } from '../scripts/registry/schemas.js';
import { CASES as CORPUS, type CorpusCase, type Expected } from './corpus/cases.js';
import { shippedRegistryFiles, sourceWithEntries, type ExtraEntry, type RegistryFiles } from './helpers/registry-sources.js';
import { ROOT } from './helpers/run-cli.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

/**
 * Every message of every built-in policy (the loader's file checks, the importer, and the two loader messages of
 * unknown-country) is produced by at least one case below, through the real loader (runValidate, as `subproc
 * validate` runs it), the real importer (importPage) or, for the one message the shipped schemas cannot reach, the
 * real schema translator. The cases are the hostile-input corpus (test/corpus/cases.ts, run here in memory; the
 * corpus test runs the same cases on disk through the CLI) and a table of small cases for the rest. The coverage
 * test counts the messages the cases actually produced where they said they would: a message no case produces is
 * an untested template and an untested path.
 */

const TODAY = '2026-11-23';
const SETUP = shippedSetup();

/** Messages of policies that the loader reports before any policy runs (the policy adds its own checks). */
const LOADER_MESSAGES_OF_POLICIES: readonly { meta: PolicyMeta; messageIds: readonly string[] }[] = [
  { meta: UNKNOWN_COUNTRY, messageIds: ['not-a-code', 'not-a-code-suggest'] },
];

type Input =
  /** A registry folder (files relative to it, plus entries only a folder on disk can hold), run through runValidate. */
  | { readonly kind: 'registry'; readonly files: RegistryFiles; readonly entries?: readonly ExtraEntry[] }
  /** A page or CSV file run through the importer. */
  | { readonly kind: 'import'; readonly file: string; readonly format: ImportFormat; readonly text: string }
  /** A YAML file checked against a schema of the test's own by the loader's schema translator. */
  | { readonly kind: 'schema'; readonly file: string; readonly yaml: string; readonly schema: object };

interface MessageCase {
  readonly name: string;
  readonly input: Input;
  /** The diagnostic the run must produce, among others, in `file`. */
  readonly expect: Expected & { readonly file: string };
  /** Lines of `file` no diagnostic may point at: values that must have been accepted as written. */
  readonly cleanLines?: readonly number[];
}

// --- The corpus, in memory ------------------------------------------------------------------------------------

const REGISTRY = 'registry/';
const SUBPROCESSORS = 'subprocessors';

/** What the folder source lists for a corpus case that is not a committed file. */
function corpusEntry(c: CorpusCase, relative: string): ExtraEntry | undefined {
  switch (c.source.kind) {
    case 'file':
      return undefined;
    case 'large-file':
      return { relative, kind: 'file', size: c.source.bytes };
    case 'directory':
      return { relative, kind: 'directory' };
    case 'symlink-outside':
      return { relative, kind: 'symlink-outside', target: '/tmp/subproc-test/outside/vendor.yaml' };
    case 'broken-symlink':
      return { relative, kind: 'broken-symlink', target: 'missing.yaml' };
    case 'subprocessors-symlink-outside':
      return { relative, kind: 'symlink-outside', target: '/tmp/subproc-test/outside-subprocessors' };
  }
}

/** A corpus case installed into the shipped registry, as test/corpus.test.ts installs it on disk. */
function fromCorpus(c: CorpusCase): MessageCase {
  const relative = c.installAs.slice(REGISTRY.length);
  // The subprocessors folder moved away: none of its files is listed any more.
  const moved = c.source.kind === 'subprocessors-symlink-outside';
  const files: RegistryFiles = Object.fromEntries(
    Object.entries(shippedRegistryFiles()).filter(([path]) => !(moved && path.startsWith(`${SUBPROCESSORS}/`))),
  );
  if (c.source.kind === 'file') files[relative] = readFileSync(join(ROOT, 'test/corpus/files', c.source.file));
  const entry = corpusEntry(c, relative);
  return {
    name: `corpus: ${c.name}`,
    input: { kind: 'registry', files, ...(entry ? { entries: [entry] } : {}) },
    expect: { ...c.expect, file: c.installAs },
    ...(c.cleanLines ? { cleanLines: c.cleanLines } : {}),
  };
}

// --- Small cases for what the corpus does not produce ---------------------------------------------------------

const ACME = 'registry/subprocessors/acme.yaml';
const SETTINGS_FILE = 'registry/registry.yaml';
const SCOPED_SETTINGS = settingsYaml({
  scopes: [
    { id: 'ai-features', kind: 'feature', title: 'AI features' },
    { id: 'eu-cloud', kind: 'residency', title: 'EU cloud' },
    { id: 'us-cloud', kind: 'residency', title: 'US cloud' },
  ],
});

/** A registry of registry.yaml and subprocessors/acme.yaml (`acme`), plus `more` files. */
function registry(acme: string | undefined, more: RegistryFiles = {}, entries?: readonly ExtraEntry[]): Input {
  return {
    kind: 'registry',
    files: { 'registry.yaml': settingsYaml(), ...(acme === undefined ? {} : { 'subprocessors/acme.yaml': acme }), ...more },
    ...(entries ? { entries } : {}),
  };
}

const at = (
  policy: string,
  messageId: string,
  file: string,
  line: number,
  column?: number,
  messageIncludes?: string,
): MessageCase['expect'] => ({
  policy,
  messageId,
  file,
  line,
  ...(column === undefined ? {} : { column }),
  ...(messageIncludes === undefined ? {} : { messageIncludes }),
});

const REGISTRY_CASES: readonly MessageCase[] = [
  {
    name: 'a file the source cannot read',
    input: registry(vendorYaml('acme'), {}, [{ relative: 'subprocessors/locked.yaml', kind: 'file', readError: 'EACCES' }]),
    expect: at('file-format', 'unreadable', 'registry/subprocessors/locked.yaml', 1, 1, 'EACCES'),
  },
  {
    name: 'a file one byte over the cap, refused from its listed size',
    input: registry(vendorYaml('acme'), {}, [{ relative: 'subprocessors/huge.yaml', kind: 'file', size: MAX_FILE_BYTES + 1 }]),
    expect: at('file-format', 'too-large', 'registry/subprocessors/huge.yaml', 1, 1, `${String(MAX_FILE_BYTES + 1)} bytes`),
  },
  {
    name: 'a file over the cap that the listing did not measure',
    input: registry(vendorYaml('acme'), { 'registry.yaml': `${settingsYaml()}# ${'x'.repeat(MAX_FILE_BYTES)}\n` }, [
      { relative: 'registry.yaml', kind: 'file' },
    ]),
    expect: at('file-format', 'too-large', SETTINGS_FILE, 1, 1),
  },
  {
    name: 'a special file (a FIFO) where a subprocessor file belongs',
    input: registry(vendorYaml('acme'), {}, [{ relative: 'subprocessors/pipe.yaml', kind: 'other' }]),
    expect: at('file-format', 'not-a-file', 'registry/subprocessors/pipe.yaml', 1, 1, 'special file'),
  },
  {
    name: 'a mechanism that is no mechanism id, with nothing close to suggest',
    input: registry(vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'pinky-promise' }] })),
    expect: at('schema', 'enum', ACME, 8, 16, '"pinky-promise"'),
  },
  {
    name: 'a location with both mechanism and mechanisms',
    input: registry(vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc', mechanisms: ['dpf', 'scc'] }] })),
    expect: at('schema', 'mechanism-and-mechanisms', ACME, 8, 5, 'locations[0] gives both "mechanism" and "mechanisms"'),
  },
  {
    name: 'none listed with another mechanism',
    input: registry(vendorYaml('acme', { locations: [{ place: 'US', mechanisms: ['none', 'scc'] }] })),
    expect: at('schema', 'none-in-mechanisms', ACME, 8, 18, 'locations[0].mechanisms lists "none"'),
  },
  {
    name: 'a mechanism listed twice',
    input: registry(vendorYaml('acme', { locations: [{ place: 'US', mechanisms: ['scc', 'scc'] }] })),
    expect: at('schema', 'duplicate-item', ACME, 8, 23, 'items 1 and 2'),
  },
  {
    name: 'a listed mechanism in words, mapped to its id',
    input: registry(vendorYaml('acme', { locations: [{ place: 'US', mechanisms: ['dpf', 'Standard Contractual Clauses'] }] })),
    expect: at('schema', 'enum-suggest', ACME, 8, 23, 'did you mean "scc"'),
  },
  {
    name: 'a data category misspelt, with the vocabulary id it nearly is',
    input: registry(vendorYaml('acme', { dataCategories: ['contact', 'helth'] })),
    expect: at('schema', 'enum-suggest', ACME, 6, 27, 'did you mean "health"'),
  },
  {
    name: "a location's data subject where a category belongs",
    input: registry(vendorYaml('acme', { locations: [{ place: 'FR', mechanism: 'none', dataCategories: ['patients'] }] })),
    expect: at('schema', 'enum', ACME, 9, 22, '"patients"'),
  },
  {
    name: 'an id that is not kebab-case',
    input: registry(vendorYaml('Acme_Corp')),
    expect: at('schema', 'pattern', ACME, 1, 5, '"Acme_Corp"'),
  },
  {
    name: 'an empty name',
    input: registry(vendorYaml('acme', { name: '""' })),
    expect: at('schema', 'too-short', ACME, 2, 7),
  },
  {
    name: 'an empty user scope',
    input: registry(vendorYaml('acme', { users: [] })),
    expect: at('schema', 'too-few', ACME, 6, 8),
  },
  {
    name: 'an empty when',
    input: registry(vendorYaml('acme', { when: '{}' })),
    expect: at('schema', 'empty-mapping', ACME, 6, 7, 'when is empty ({}) and says nothing'),
  },
  {
    name: 'a user scope naming a place twice',
    input: registry(vendorYaml('acme', { users: ['US', 'US'] })),
    expect: at('schema', 'duplicate-item', ACME, 6, 13, 'items 1 and 2'),
  },
  {
    name: 'a registry folder without registry.yaml',
    input: { kind: 'registry', files: { 'subprocessors/acme.yaml': vendorYaml('acme') } },
    expect: at('registry-layout', 'missing-settings', SETTINGS_FILE, 1, 1),
  },
  {
    name: 'a file named subprocessors where the folder belongs',
    input: registry(undefined, {}, [{ relative: SUBPROCESSORS, kind: 'file', size: 0 }]),
    expect: at('registry-layout', 'missing-subprocessors', SETTINGS_FILE, 1, 1),
  },
  {
    name: 'a file name holding a right-to-left override, quoted with the character made visible',
    input: registry(vendorYaml('acme'), { 'subprocessors/ac\u202Eme.yaml': vendorYaml('acme') }),
    expect: at('file-name', 'invalid-name', 'registry/subprocessors/ac\u202Eme.yaml', 1, 1, 'file name ac<U+202E>me.yaml is'),
  },
  {
    name: 'a category nobody declared, with nothing close to suggest',
    input: registry(vendorYaml('acme', { category: 'research' })),
    expect: at('registry-layout', 'unknown-category', ACME, 3, 11, '"research"'),
  },
  {
    name: 'a feature scope nobody declared, with nothing close to suggest',
    input: registry(vendorYaml('acme', { when: '{ feature: [chatbot] }' }), { 'registry.yaml': SCOPED_SETTINGS }),
    expect: at('registry-layout', 'unknown-scope', ACME, 6, 19, 'feature scope "chatbot" is not declared'),
  },
  {
    name: 'a feature scope misspelt',
    input: registry(vendorYaml('acme', { when: '{ feature: [ai-feature] }' }), { 'registry.yaml': SCOPED_SETTINGS }),
    expect: at('registry-layout', 'unknown-scope-suggest', ACME, 6, 19, 'did you mean "ai-features"?'),
  },
  {
    name: 'a residency scope named as a feature',
    input: registry(vendorYaml('acme', { when: '{ feature: [eu-cloud] }' }), { 'registry.yaml': SCOPED_SETTINGS }),
    expect: at('registry-layout', 'scope-kind-mismatch', ACME, 6, 19, 'declared as a residency scope, not a feature scope'),
  },
  {
    name: "a place's residency outside the vendor's",
    input: registry(
      vendorYaml('acme', {
        when: '{ residency: [eu-cloud] }',
        locations: [{ place: 'US', mechanism: 'scc', when: '{ residency: [us-cloud] }' }],
      }),
      { 'registry.yaml': SCOPED_SETTINGS },
    ),
    expect: at('registry-layout', 'scope-outside-vendor', ACME, 10, 25, 'residency scope "us-cloud"'),
  },
  {
    name: 'a scope declared twice',
    input: registry(vendorYaml('acme'), {
      'registry.yaml': settingsYaml({
        scopes: [
          { id: 'ai-features', kind: 'feature', title: 'AI features' },
          { id: 'ai-features', kind: 'product', title: 'AI' },
        ],
      }),
    }),
    expect: at('registry-layout', 'duplicate-scope', SETTINGS_FILE, 12, 9, 'scope "ai-features" is declared twice'),
  },
  {
    name: 'a place that is not a code and maps to none',
    input: registry(vendorYaml('acme', { locations: [{ place: 'Atlantis Prime', mechanism: 'scc' }] })),
    expect: at('unknown-country', 'not-a-code', ACME, 7, 12, '"Atlantis Prime"'),
  },
];

/** The one message the shipped schemas never produce: a keyword the translator has no words for (multipleOf). */
const SCHEMA_CASES: readonly MessageCase[] = [
  {
    name: 'a schema keyword without a message of its own',
    input: {
      kind: 'schema',
      file: 'registry/subprocessors/acme.yaml',
      yaml: 'id: acme\nshare: 7\n',
      schema: { type: 'object', properties: { id: { type: 'string' }, share: { type: 'integer', multipleOf: 5 } } },
    },
    expect: at('schema', 'other', 'registry/subprocessors/acme.yaml', 2, 8, 'share must be multiple of 5'),
  },
];

// --- The importer ---------------------------------------------------------------------------------------------

const HEADER = 'Subcontractor\tStorage place\tMechanism allowing international data transfer\tService provided and <i>Performed task</i>';
const CSV_HEADER = 'Category,Subcontractor,Storage place,Mechanism allowing international data transfer,Service provided,Performed task';

/** A page saved as text: title (line 1), intro (3), section HOSTING (5), header row (6), then `rows` from line 7. */
function page(...rows: string[]): Input {
  return {
    kind: 'import',
    file: 'page.txt',
    format: 'text',
    text: ['ACME Subprocessors', '', 'Intro.', '', 'HOSTING\t\t\t', HEADER, ...rows, ''].join('\n'),
  };
}

/** A CSV file: the lines as given, the header on line 1 unless the case says otherwise. */
function csv(...lines: string[]): Input {
  return { kind: 'import', file: 'list.csv', format: 'csv', text: `${lines.join('\n')}\n` };
}

const imp = (messageId: string, file: string, line: number, column: number, messageIncludes?: string) =>
  at('import', messageId, file, line, column, messageIncludes);

const IMPORT_CASES: readonly MessageCase[] = [
  {
    name: 'an unknown place',
    input: page('A\tAtlantis\tNo international transfer\tS <i>T</i>'),
    expect: imp('unknown-place', 'page.txt', 7, 3),
  },
  {
    name: 'a misspelt country',
    input: page('A\tGermanyy\tNo international transfer\tS <i>T</i>'),
    expect: imp('unknown-place-suggest', 'page.txt', 7, 3, 'Germanyy'),
  },
  {
    name: 'an unreadable user scope',
    input: page('A\tUSA (mostly)\tStandard Contractual Clauses\tS <i>T</i>'),
    expect: imp('unknown-scope', 'page.txt', 7, 8),
  },
  {
    name: 'an unknown mechanism wording',
    input: page('A\tUSA\tPinky promise\tS <i>T</i>'),
    expect: imp('unknown-mechanism', 'page.txt', 7, 7),
  },
  {
    name: 'an empty storage place',
    input: page('A\t\tStandard Contractual Clauses\tS <i>T</i>'),
    expect: imp('empty-cell', 'page.txt', 7, 3, 'Storage place'),
  },
  {
    name: 'a service without a task',
    input: page('A\tFrance\tNo international transfer\tHosting'),
    expect: imp('no-task', 'page.txt', 7, 36),
  },
  {
    name: 'a blank service with no row above',
    input: page('A\tFrance\tNo international transfer\t'),
    expect: imp('nothing-to-inherit', 'page.txt', 7, 36),
  },
  {
    name: 'a row before any section heading',
    input: {
      kind: 'import',
      file: 'page.txt',
      format: 'text',
      text: `ACME Subprocessors\n${HEADER}\nA\tFrance\tNo international transfer\tS <i>T</i>\nHOSTING\t\t\t\nB\tFrance\tNo international transfer\tS <i>T</i>\n`,
    },
    expect: imp('no-section', 'page.txt', 3, 1),
  },
  {
    name: 'a row before the header row',
    input: {
      kind: 'import',
      file: 'page.txt',
      format: 'text',
      text: 'ACME Subprocessors\nHOSTING\t\t\t\nA\tFrance\tNo international transfer\tS <i>T</i>\n',
    },
    expect: imp('no-header', 'page.txt', 3, 1),
  },
  {
    name: 'a data category the vocabulary does not know, close to one it does',
    input: csv(`${CSV_HEADER},Data categories`, 'Hosting,BSO,France,No international transfer,Hosting,Infra,Helth data'),
    expect: imp('unknown-vocabulary-suggest', 'list.csv', 2, 60, 'did you mean "Health data"'),
  },
  {
    name: 'a data category the vocabulary does not know at all',
    input: csv(`${CSV_HEADER},Data categories`, 'Hosting,BSO,France,No international transfer,Hosting,Infra,zzzz'),
    expect: imp('unknown-vocabulary', 'list.csv', 2, 60),
  },
  {
    name: 'a CSV header without a place column',
    input: csv(CSV_HEADER.replace('Storage place,', ''), 'Hosting,BSO,No international transfer,Hosting,Infra'),
    expect: imp('missing-column', 'list.csv', 1, 1, '"Location"'),
  },
  {
    name: 'a place name two countries share',
    input: page('A\tKongo\tNo international transfer\tS <i>T</i>'),
    expect: imp('ambiguous-place', 'page.txt', 7, 3, 'CD, CG'),
  },
  {
    name: 'a heading row with no row under it',
    input: csv(CSV_HEADER, 'Hosting,BSO,France,No international transfer,Hosting,Infra', 'Zendesk,,,,,'),
    expect: imp('empty-section', 'list.csv', 3, 1, '"Zendesk"'),
  },
  {
    name: 'a list that names no category (a notice)',
    input: csv('Vendor,Country,Safeguard,Purpose', 'BSO,France,No international transfer,Hosting'),
    expect: imp('default-category', 'list.csv', 1, 1, '"Subprocessors"'),
  },
  {
    name: 'a column the importer does not read (a notice)',
    input: csv(`${CSV_HEADER},Website`, 'Hosting,BSO,France,No international transfer,Hosting,Infra,https://bso.example'),
    expect: imp('ignored-column', 'list.csv', 1, 117, '"Website"'),
  },
  {
    name: 'a stray fifth cell',
    input: page('A\tFrance\tNo international transfer\tS <i>T</i>\textra'),
    expect: imp('too-many-cells', 'page.txt', 7, 1),
  },
  { name: 'a line that is no row', input: page('Some remark in the middle'), expect: imp('unreadable-line', 'page.txt', 7, 1) },
  {
    name: 'one vendor on two rows',
    input: page('A\tFrance\tNo international transfer\tS <i>T</i>', 'A\tUSA\tStandard Contractual Clauses\tS <i>T</i>'),
    expect: imp('duplicate-id', 'page.txt', 8, 1, 'line 7'),
  },
  {
    name: 'an unclosed CSV quote',
    input: csv(CSV_HEADER, 'Hosting,"BSO,France,No international transfer,Hosting,Infra'),
    expect: imp('unclosed-quote', 'list.csv', 2, 9),
  },
  { name: 'a CSV file with the header row alone', input: csv(CSV_HEADER), expect: imp('no-rows', 'list.csv', 1, 1) },
  {
    name: 'a release CSV Status the release never writes',
    input: csv(`ID,${CSV_HEADER},Status`, 'bso,Hosting,BSO,France,No international transfer,Hosting,Infra,paused'),
    expect: imp('unknown-status', 'list.csv', 2, 64, '"paused"'),
  },
  {
    name: 'a Since cell that contradicts the Status cell',
    input: csv(
      `ID,${CSV_HEADER},Since,Status`,
      'bso,Hosting,BSO,France,No international transfer,Hosting,Infra,2027-02-01,upcoming (from 2027-01-15)',
    ),
    expect: imp('status-conflict', 'list.csv', 2, 64, 'Since'),
  },
  {
    name: 'a retired row from a CSV without the retirement columns',
    input: csv(`ID,${CSV_HEADER},Status`, 'bso,Hosting,BSO,France,No international transfer,Hosting,Infra,retired'),
    expect: imp('retirement-needs-column', 'list.csv', 2, 64, '"Retired on"'),
  },
  {
    name: 'a vendor name with no Latin letter or digit',
    input: csv(CSV_HEADER, 'Hosting,阿里巴巴,China,Standard Contractual Clauses,Hosting,Infra'),
    expect: imp('no-id', 'list.csv', 2, 9, '阿里巴巴'),
  },
  {
    name: 'a task longer than the schema allows',
    input: csv(CSV_HEADER, `Hosting,BSO,France,No international transfer,Hosting,${'x'.repeat(1001)}`),
    expect: imp('invalid-entry', 'list.csv', 2, 54, 'tasks.0'),
  },
  {
    name: 'a page with a title alone',
    input: { kind: 'import', file: 'page.txt', format: 'text', text: 'ACME Subprocessors\n' },
    expect: imp('no-rows', 'page.txt', 1, 1),
  },
];

/** Corpus cases whose expected message is a policy's own (a look-alike duplicate) belong to that policy's tests. */
function expectsBuiltinMessage(c: CorpusCase): boolean {
  const loaderReported = LOADER_MESSAGES_OF_POLICIES.some(
    ({ meta, messageIds }) => meta.id === c.expect.policy && messageIds.includes(c.expect.messageId),
  );
  return loaderReported || SETUP.builtins.some((b) => b.id === c.expect.policy);
}

const CASES: readonly MessageCase[] = [
  ...CORPUS.filter((c) => c.bug === undefined && expectsBuiltinMessage(c)).map(fromCorpus),
  ...REGISTRY_CASES,
  ...SCHEMA_CASES,
  ...IMPORT_CASES,
];

// --- Running ------------------------------------------------------------------------------------------------

async function diagnosticsOf(input: Input): Promise<readonly Diagnostic[]> {
  switch (input.kind) {
    case 'registry': {
      const source = sourceWithEntries(input.files, input.entries ?? []);
      return (await runValidate(source, { today: TODAY, setup: SETUP })).diagnostics;
    }
    case 'import': {
      // Notices are messages of the import policy too: a refusal or not, each must be produced by a case.
      const result = importPage(input.file, input.text, {
        format: input.format,
        controller: { name: 'ACME', country: 'FR' },
        noticePeriodDays: 30,
      });
      return [...result.diagnostics, ...result.notices];
    }
    case 'schema': {
      const parsed = parseRegistryYaml(input.file, new TextEncoder().encode(input.yaml));
      const validate = createAjv().compile(input.schema);
      expect(validate(parsed.value), 'the case file must fail its schema').toBe(false);
      return schemaDiagnostics(validate.errors ?? [], { file: input.file, schemaFile: 'test schema', locate: parsed.locate });
    }
  }
}

const runs = new Map<MessageCase, Promise<readonly Diagnostic[]>>();

/** Each case runs once, whether its own test or the coverage test asks first. */
function run(c: MessageCase): Promise<readonly Diagnostic[]> {
  let result = runs.get(c);
  if (!result) {
    result = diagnosticsOf(c.input);
    runs.set(c, result);
  }
  return result;
}

function matches(d: Diagnostic, e: MessageCase['expect']): boolean {
  return (
    d.policy === e.policy &&
    d.messageId === e.messageId &&
    d.file === e.file &&
    d.line === e.line &&
    (e.column === undefined || d.column === e.column) &&
    (e.messageIncludes === undefined || d.message.includes(e.messageIncludes)) &&
    (e.hintExcludes === undefined || !(d.hint ?? '').includes(e.hintExcludes))
  );
}

const show = (d: Diagnostic) => `  ${d.policy}/${d.messageId} ${d.file}:${String(d.line)}:${String(d.column)} ${d.message}`;

/** Every built-in message: the built-in policies' own, and the ones the loader reports for a policy. */
const BUILTIN_MESSAGES: readonly string[] = [
  ...SETUP.builtins.flatMap((b) => Object.keys(b.messages).map((m) => `${b.id}/${m}`)),
  ...LOADER_MESSAGES_OF_POLICIES.flatMap(({ meta, messageIds }) => messageIds.map((m) => `${meta.id}/${m}`)),
];

describe('every built-in message is produced by a case', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const diagnostics = await run(c);
    const e = c.expect;
    const where = `${e.file}:${String(e.line)}${e.column === undefined ? '' : `:${String(e.column)}`}`;
    expect(
      diagnostics.find((d) => matches(d, e)),
      `expected ${e.policy}/${e.messageId} at ${where}${e.messageIncludes ? ` saying ${JSON.stringify(e.messageIncludes)}` : ''}; got:\n${diagnostics.map(show).join('\n')}`,
    ).toBeDefined();
    const onClean = diagnostics.filter((d) => d.file === e.file && (c.cleanLines ?? []).includes(d.line));
    expect(onClean.map(show), 'diagnostics on lines whose values must be accepted').toEqual([]);
  });

  it('cases name only messages that exist', () => {
    const unknown = CASES.map((c) => `${c.expect.policy}/${c.expect.messageId}`).filter((m) => !BUILTIN_MESSAGES.includes(m));
    expect(unknown).toEqual([]);
  });

  it('every message of every built-in policy is produced where a case expects it', async () => {
    const produced = new Set<string>();
    for (const c of CASES) {
      if ((await run(c)).some((d) => matches(d, c.expect))) produced.add(`${c.expect.policy}/${c.expect.messageId}`);
    }
    expect(BUILTIN_MESSAGES.filter((m) => !produced.has(m))).toEqual([]);
    expect(SETUP.builtins.length).toBeGreaterThan(0);
  });
});
