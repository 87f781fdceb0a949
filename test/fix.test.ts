import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../scripts/generated/output.js';
import { CASES, type CorpusCase } from './corpus/cases.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { copyOfShippedRegistry, tempDir } from './helpers/temp-registry.js';
import { readFolder, shippedRegistryTree } from './release/fixtures.js';

/*
 * --fix and --fix-dry-run through the real command line: every corpus case whose hint names one exact replacement
 * is fixed and then passes, with nothing else in the file changed; a guess is never written; the dry run writes
 * nothing and prints a diff git applies; files read from git are never written.
 */

const FILES = join(ROOT, 'test/corpus/files');

/** Offset of a 1-based line and column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** The one region where two texts differ: [start, end in before, end in after]. */
function differingRegion(before: string, after: string): [number, number, number] {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  return [start, before.length - tail, after.length - tail];
}

// The corpus cases whose diagnostic names a replacement (a did-you-mean, or an EU code for an ISO one).
const SUGGESTING = CASES.filter((c) => /-suggest$|^eu-code$/.test(c.expect.messageId) && c.bug === undefined && c.source.kind === 'file');

describe('--fix on every corpus case that names one exact replacement', () => {
  it('covers the corpus cases it should: places, mechanisms, misspelt values, keys and categories', () => {
    expect(SUGGESTING.map((c) => c.name).sort()).toEqual([
      'country-lowercase',
      'country-name',
      'country-no-lowercase',
      'mechanism-name',
      'settings-country-name',
      'status-typo',
      'unknown-category',
      'unknown-field-suggest',
    ]);
  });

  it.each(SUGGESTING.map((c) => [c.name, c] as [string, CorpusCase]))('%s: fixed in place, then valid', (_name, c) => {
    const temp = copyOfShippedRegistry();
    try {
      const target = join(temp.dir, c.installAs);
      copyFileSync(join(FILES, c.source.kind === 'file' ? c.source.file : ''), target);
      const before = readFileSync(target, 'utf8');

      const json = runCli(['validate', '--format', 'json', 'registry'], temp.dir);
      const output = JSON.parse(json.stdout) as CommandOutput;
      const finding = output.diagnostics.find((d) => d.file === c.installAs && d.messageId === c.expect.messageId);
      expect(finding?.fix, json.stdout).toBeDefined();

      const fixed = runCli(['validate', '--fix', 'registry'], temp.dir);
      expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
      expect(fixed.stderr).toBe(`fixed ${c.installAs}: 1 replacement\n`);
      const after = readFileSync(target, 'utf8');
      // Only the located scalar changed, on its own line; every other byte (comments, quotes, layout) is as it was.
      const [start, endBefore, endAfter] = differingRegion(before, after);
      const at = offsetOf(before, c.expect.line, c.expect.column ?? 1);
      expect(start).toBeGreaterThanOrEqual(at);
      expect(before.slice(at, endBefore)).not.toContain('\n');
      expect(after.slice(at, endAfter)).not.toContain('\n');
      expect(after.slice(at, at + (finding?.fix?.text.length ?? 0))).toBe(finding?.fix?.text);

      const again = runCli(['validate', 'registry'], temp.dir);
      expect(again.code, again.stdout).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});

const LAYOUT = `# Acme, added after the 2025 review
id: layout
name: Acme Layout   # trading name
category: hosting
tasks:
  - Hosting of the platform
users: [fr, 'Germany']   # flow list, quoted
locations:
  - place: 'UK'      # London office
    mechanism: "Standard Contractual Clauses"  # signed 2024
status: actve

# a comment at the end
`;

const LAYOUT_FIXED = `# Acme, added after the 2025 review
id: layout
name: Acme Layout   # trading name
category: hosting
tasks:
  - Hosting of the platform
users: [FR, 'DE']   # flow list, quoted
locations:
  - place: 'GB'      # London office
    mechanism: "scc"  # signed 2024
status: active

# a comment at the end
`;

describe('--fix keeps comments, quoting and layout', () => {
  const temp = copyOfShippedRegistry({ 'registry/subprocessors/layout.yaml': LAYOUT });
  afterAll(temp.cleanup);
  const file = join(temp.dir, 'registry/subprocessors/layout.yaml');

  it('fixes every exact replacement, over as many passes as uncover them (UK is judged once the schema passes)', () => {
    const result = runCli(['validate', '--fix', 'registry'], temp.dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toBe('fixed registry/subprocessors/layout.yaml: 5 replacements\n');
    expect(readFileSync(file, 'utf8')).toBe(LAYOUT_FIXED);
  });
});

describe('the fix as data', () => {
  const temp = copyOfShippedRegistry({ 'registry/subprocessors/layout.yaml': LAYOUT });
  afterAll(temp.cleanup);

  it('SARIF carries it as a fix with one replacement, valid against the SARIF 2.1.0 schema, at the offsets JSON gives', () => {
    const json = JSON.parse(runCli(['validate', '--format', 'json', 'registry'], temp.dir).stdout) as CommandOutput;
    const result = runCli(['validate', '--format', 'sarif', 'registry'], temp.dir);
    const log = JSON.parse(result.stdout) as {
      runs: {
        results: {
          fixes?: {
            artifactChanges: {
              replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[];
            }[];
          }[];
        }[];
      }[];
    };
    const schema = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const validate = new ajvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(
      schema,
    );
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const fromSarif = (log.runs[0]?.results ?? []).flatMap((r) =>
      (r.fixes ?? []).flatMap((f) =>
        f.artifactChanges.flatMap((c) =>
          c.replacements.map((x) => [
            x.deletedRegion.charOffset,
            x.deletedRegion.charOffset + x.deletedRegion.charLength,
            x.insertedContent.text,
          ]),
        ),
      ),
    );
    const fromJson = json.diagnostics.flatMap((d) => (d.fix ? [[...d.fix.range, d.fix.text]] : []));
    expect(fromSarif).toEqual(fromJson);
    // The first pass's fixes: UK is judged (and fixed) once the schema passes.
    expect(fromJson.map((f) => f[2])).toEqual(['FR', "'DE'", '"scc"', 'active']);
  });
});

describe('what --fix leaves alone', () => {
  it.each([
    // "retive" is as close to active as to retired: two suggestions, so the hint guesses and nothing is written.
    ['a value two candidates are equally close to', 'status: retive', 'enum-suggest'],
    // A near miss of a country name is a guess too ("Frnace" is France, but "Austira" could be two countries).
    ['a misspelt country name', 'status: active\nusers: [Frnace]', 'not-a-code-suggest'],
    // Renaming a key to one the mapping has already would make a duplicate key.
    ['a key renamed onto one that exists', 'status: active\nnotes: one\nnotee: two', 'unknown-field-suggest'],
  ])('%s', (_name, tail, messageId) => {
    const text = `id: guess\nname: Guess\ncategory: hosting\ntasks:\n  - Hosting of the platform\nlocations:\n  - place: FR\n    mechanism: none\n${tail}\n`;
    const temp = copyOfShippedRegistry({ 'registry/subprocessors/guess.yaml': text });
    try {
      const json = JSON.parse(runCli(['validate', '--format', 'json', 'registry'], temp.dir).stdout) as CommandOutput;
      const finding = json.diagnostics.find((d) => d.messageId === messageId);
      expect(finding, JSON.stringify(json.diagnostics)).toBeDefined();
      expect(finding?.fix).toBeUndefined();
      const result = runCli(['validate', '--fix', 'registry'], temp.dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('nothing to fix: no finding names one exact replacement\n');
      expect(readFileSync(join(temp.dir, 'registry/subprocessors/guess.yaml'), 'utf8')).toBe(text);
    } finally {
      temp.cleanup();
    }
  });
});

describe('--fix-dry-run', () => {
  const repo = gitRepo({ ...shippedRegistryTree(), 'registry/subprocessors/layout.yaml': LAYOUT });
  afterAll(repo.cleanup);

  it('writes nothing, and prints the diff --fix would make, which git applies', () => {
    const before = readFolder(join(repo.dir, 'registry/subprocessors'));
    const result = runCli(['validate', '--fix-dry-run', 'registry'], repo.dir);
    expect(result.code).toBe(0);
    expect(readFolder(join(repo.dir, 'registry/subprocessors'))).toEqual(before);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(result.stdout).toContain(
      [
        '--- a/registry/subprocessors/layout.yaml',
        '+++ b/registry/subprocessors/layout.yaml',
        '@@ -4,10 +4,10 @@',
        ' category: hosting',
        ' tasks:',
        '   - Hosting of the platform',
        "-users: [fr, 'Germany']   # flow list, quoted",
        "+users: [FR, 'DE']   # flow list, quoted",
      ].join('\n'),
    );
    const patch = join(repo.dir, '..', `${repo.dir.split('/').at(-1) ?? 'x'}.patch`);
    writeFileSync(patch, result.stdout.slice(0, result.stdout.indexOf('\n\n') + 1));
    try {
      repo.git('apply', patch);
      expect(readFileSync(join(repo.dir, 'registry/subprocessors/layout.yaml'), 'utf8')).toBe(LAYOUT_FIXED);
    } finally {
      repo.git('checkout', '--', '.');
    }
  });

  it('check --fix-dry-run too, with a base', () => {
    const result = runCli(['check', '--fix-dry-run', 'registry'], repo.dir);
    expect(result.stdout).toContain("+users: [FR, 'DE']   # flow list, quoted");
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});

describe('check --fix: the work tree only', () => {
  it('fixes the head in the work tree; the base, read from git, is untouched', () => {
    const repo = gitRepo({ ...shippedRegistryTree(), 'registry/subprocessors/layout.yaml': LAYOUT });
    try {
      repo.git('checkout', '-q', '-b', 'change');
      const result = runCli(['check', '--fix', '--base', 'main', 'registry'], repo.dir);
      expect(result.stderr).toContain('fixed registry/subprocessors/layout.yaml: 5 replacements');
      expect(readFileSync(join(repo.dir, 'registry/subprocessors/layout.yaml'), 'utf8')).toBe(LAYOUT_FIXED);
      expect(repo.git('show', 'main:registry/subprocessors/layout.yaml')).toBe(LAYOUT);
      expect(repo.git('status', '--porcelain')).toBe(' M registry/subprocessors/layout.yaml\n');
    } finally {
      repo.cleanup();
    }
  });

  it.each([
    [['check', '--fix', '--head', 'main'], 'subproc: check: --fix rewrites files of the work tree, and --head reads the registry from git'],
    [
      ['validate', '--fix-dry-run', '--ref', 'main'],
      'subproc: validate: --fix-dry-run rewrites files of the work tree, and --ref reads the registry from git',
    ],
    [['check', '--fix', '--fix-dry-run'], 'subproc: check: --fix and --fix-dry-run contradict each other'],
    [
      ['validate', '--fix-dry-run', '--format', 'json'],
      'subproc: validate: --fix-dry-run prints a diff, which does not mix with --format json',
    ],
  ])('refuses %j: exit 2, nothing written', (args, message) => {
    const temp = tempDir();
    try {
      const result = runCli(args, temp.dir);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(message);
    } finally {
      temp.cleanup();
    }
  });
});
