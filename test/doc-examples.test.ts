import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import { lawOf, type Jurisdiction } from '../scripts/engine/jurisdiction.js';
import { importPage } from '../scripts/importer/import-page.js';
import { runCheck, type Setup } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { lazyLocator } from '../scripts/registry/parse-yaml.js';
import { commentedLines, pageExamples, spliceExcerpt, type ExampleFile, type ExampleRun } from './helpers/doc-examples.js';
import { shippedRegistryFiles, type RegistryFiles } from './helpers/registry-sources.js';
import { ROOT } from './helpers/run-cli.js';

/**
 * The bad and good examples of every policy page (docs/policies/ID.md) run through the real engine: `subproc check`
 * on the shipped registry with the example's files written into it (and the shipped registry as the base when the
 * example is a change), the importer for import.md. test/helpers/doc-examples.ts describes the page markers.
 *
 * A bad example must give exactly the message ids its marker names, for the page's policy, and each on the line a
 * `# ID` comment of the block points at; other policies may report what they like about a bad file. A good
 * example must give exactly the ids its marker names (none, or the notices a change must announce), and any other
 * finding it adds to those of the shipped registry must be information (a notice, an unnecessary mechanism), never
 * a warning or an error: a good example is good for every policy. The shipped registry's own findings (its three
 * vague-location warnings) do not count against an example that leaves their files alone. Findings the text around
 * an example promises (`also=`) must be there too.
 */

const DOCS = join(ROOT, 'docs/policies');
const TODAY = '2026-11-23';
const REGISTRY = 'registry/';
const SETUP = shippedSetup();

/** Pages whose examples cannot run, with the reason. */
const NOT_RUNNABLE: Readonly<Record<string, string>> = {};

const pages = readdirSync(DOCS)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -3))
  .sort();

function bytesOf(file: ExampleFile, text: string): string | Uint8Array {
  let out = file.crlf ? text.replace(/\n/g, '\r\n') : text;
  if (file.bom) out = `\uFEFF${out}`;
  return out;
}

interface Applied {
  readonly files: RegistryFiles;
  readonly setup: Setup;
  /** Where each block line ended up: path → block line → file line. */
  readonly lines: Map<string, (line: number) => number>;
}

/** The shipped registry and laws with the run's files written into them. */
function apply(run: ExampleRun): Applied {
  const files = new Map(Object.entries(shippedRegistryFiles()));
  const lines = new Map<string, (line: number) => number>();
  let laws = SETUP.laws;
  for (const file of run.files) {
    if (file.path.startsWith('policies/data/transfers/')) {
      const law = laws.find((l) => l.source.file === file.path);
      if (!law || file.text === undefined) throw new Error(`${file.path}: no such law, or no block`);
      const shipped = readFileSync(join(ROOT, file.path), 'utf8');
      const text = file.excerpt ? jsonFieldsInto(shipped, file.text) : file.text;
      laws = laws.map((l) => (l === law ? lawOf(JSON.parse(text) as Jurisdiction, { file: file.path, locate: lazyLocator(text) }) : l));
      continue;
    }
    if (!file.path.startsWith(REGISTRY)) throw new Error(`${file.path}: an example writes files of registry/ or policies/data/transfers/`);
    const relative = file.path.slice(REGISTRY.length);
    if (file.delete) {
      files.delete(relative);
      continue;
    }
    const text = file.text ?? '';
    if (file.excerpt) {
      const whole = files.get(relative);
      if (whole === undefined) throw new Error(`${file.path}: an excerpt of a file the shipped registry does not have`);
      const spliced = spliceExcerpt(typeof whole === 'string' ? whole : new TextDecoder().decode(whole), text);
      files.set(relative, bytesOf(file, spliced.text));
      lines.set(file.path, spliced.lineOfExcerpt);
    } else {
      files.set(relative, bytesOf(file, text));
      lines.set(file.path, (line) => line);
    }
  }
  return { files: Object.fromEntries(files), setup: { ...SETUP, laws }, lines };
}

/** A JSON excerpt (`"key": value` lines among "...") sets those top-level fields of the file, line for line. */
function jsonFieldsInto(whole: string, excerpt: string): string {
  let out = whole;
  for (const match of excerpt.matchAll(/^ {2}("[A-Za-z]+"):\s*(.+?),?$/gm)) {
    const [, key = '', value = ''] = match;
    const pattern = new RegExp(`^( {2}${key}:\\s*).+?(,?)$`, 'm');
    if (!pattern.test(out)) throw new Error(`the file has no top-level ${key}`);
    out = out.replace(pattern, `$1${value}$2`);
  }
  return out;
}

async function check(files: RegistryFiles, run: ExampleRun, setup: Setup): Promise<readonly Diagnostic[]> {
  const report = await runCheck({
    head: memorySource(files),
    ...(run.base ? { base: { source: memorySource(shippedRegistryFiles()), label: 'main' } } : {}),
    today: run.today ?? TODAY,
    setup,
  });
  return report.diagnostics;
}

const show = (d: Diagnostic) => `${d.severity} ${d.policy}/${d.messageId} ${d.file}:${String(d.line)} ${d.message}`;
const key = (d: Diagnostic) => `${d.policy}/${d.messageId} ${d.file}:${String(d.line)}`;

/**
 * What a run gives: the page policy's findings, and (for a good example) the warnings and errors other policies
 * add to the shipped registry's. Findings the shipped registry has anyway, in files the example leaves alone (the
 * shipped Google Ads entry's vague location), are not the example's.
 */
async function outcome(
  policy: string,
  run: ExampleRun,
): Promise<{ all: readonly Diagnostic[]; own: readonly Diagnostic[]; othersAdded: readonly Diagnostic[]; lines: Applied['lines'] }> {
  const first = run.files[0];
  if (first && /\.(csv|txt)$/.test(first.path)) {
    const result = importPage(first.path, first.text ?? '', {
      format: first.path.endsWith('.csv') ? 'csv' : 'text',
      controller: { name: 'Withings', country: 'FR' },
      noticePeriodDays: 30,
    });
    return { all: result.diagnostics, own: result.diagnostics, othersAdded: [], lines: new Map([[first.path, (line: number) => line]]) };
  }
  const applied = apply(run);
  const diagnostics = await check(applied.files, run, applied.setup);
  const before = new Set((await check(shippedRegistryFiles(), run, SETUP)).map(key));
  const touched = new Set(run.files.map((f) => f.path));
  const own = diagnostics.filter((d) => d.policy === policy && !(before.has(key(d)) && !touched.has(d.file)));
  const othersAdded =
    run.section === 'good' ? diagnostics.filter((d) => d.policy !== policy && d.severity !== 'info' && !before.has(key(d))) : [];
  return { all: diagnostics, own, othersAdded, lines: applied.lines };
}

const examples = pages.map((id) => ({ id, ...pageExamples(readFileSync(join(DOCS, `${id}.md`), 'utf8')) }));
const policyIds = new Set([...SETUP.policies, ...SETUP.builtins].map((p) => p.id));
const messagesOf = (id: string) => Object.keys([...SETUP.policies, ...SETUP.builtins].find((p) => p.id === id)?.messages ?? {});

describe('policy docs: the examples run', () => {
  it.each(examples.map((e) => [e.id, e] as const))(
    'docs/policies/%s.md has a run in its bad and its good example',
    (id, { runs, sectionsWithoutRun, problems }) => {
      expect(problems, 'markers the test cannot read').toEqual([]);
      if (id in NOT_RUNNABLE) {
        expect(runs, `${id} is listed as not runnable`).toEqual([]);
        return;
      }
      expect(policyIds.has(id), `${id}.md documents no policy`).toBe(true);
      expect(sectionsWithoutRun, 'sections with no run').toEqual([]);
      expect(new Set(runs.map((r) => r.section))).toEqual(new Set(['bad', 'good']));
      const unknown = runs.flatMap((r) => r.expect).filter((m) => !messagesOf(id).includes(m));
      expect(unknown, 'expected ids that are no message of the policy').toEqual([]);
    },
  );

  it('lists no page as not runnable that does not exist', () => {
    expect(Object.keys(NOT_RUNNABLE).filter((id) => !pages.includes(id))).toEqual([]);
  });

  const runs = examples.flatMap(({ id, runs: pageRuns }) =>
    pageRuns.map((run) => [`docs/policies/${id}.md:${String(run.pageLine)}, ${run.section} example`, id, run] as const),
  );

  it.each(runs)('%s', async (_title, id, run) => {
    const { all, own, othersAdded, lines } = await outcome(id, run);
    const gave = [...new Set(own.map((d) => d.messageId))].sort();
    expect(gave, `${id} findings:\n${own.map(show).join('\n')}`).toEqual([...new Set(run.expect)].sort());
    for (const file of run.files) {
      const at = lines.get(file.path);
      if (file.text === undefined || !at) continue;
      for (const { line, messageId } of commentedLines(file.text, run.expect)) {
        const where = `${file.path}:${String(at(line))}`;
        expect(
          own.some((d) => d.messageId === messageId && d.line === at(line) && d.file === file.path),
          `${messageId} at ${where} (the "# ${messageId}" comment on line ${String(line)} of the block at docs line ${String(file.pageLine)}); got:\n${own.map(show).join('\n')}`,
        ).toBe(true);
      }
    }
    for (const also of run.also) {
      const found = all.some(
        (d) => d.policy === also.policy && d.messageId === also.messageId && (also.file === undefined || d.file === also.file),
      );
      expect(
        found,
        `${also.policy}/${also.messageId}${also.file ? ` in ${also.file}` : ''}, which the example's text promises; got:\n${all.map(show).join('\n')}`,
      ).toBe(true);
    }
    expect(othersAdded.map(show), 'warnings or errors the good example adds for other policies').toEqual([]);
  });
});
