import { validateOutput } from './helpers/output-schema.js';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../scripts/generated/output.js';
import { CASES, type CorpusCase, type Expected } from './corpus/cases.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { copyOfShippedRegistry, subprocessorYaml } from './helpers/temp-registry.js';

/**
 * Runs the real command line (`subproc validate --format json`) on every case of the hostile-input corpus
 * (test/corpus/cases.ts), each installed into a copy of the shipped registry.
 */

const FILES = join(ROOT, 'test/corpus/files');
const SHIPPED_SUBPROCESSORS = 24;
const SUBPROCESSORS = 'registry/subprocessors';

type Diagnostic = CommandOutput['diagnostics'][number];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed output, when stdout is JSON that matches schemas/output.schema.json. */
  output?: CommandOutput;
  /** Why stdout is not such output. */
  outputProblem?: string;
}

/** Text of a JavaScript engine error or of an unfilled template: an internal failure dressed as a diagnostic. */
const ENGINE_TEXT =
  /Maximum call stack|RangeError|TypeError|ReferenceError|Cannot read propert|\bundefined\b|\bNaN\b|\[object Object\]|\{\{/;

/** A file of `bytes` bytes that is plain YAML text: one very long value. */
function largeYaml(bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes, 'a');
  buffer.write('notes: ');
  buffer.write('\n', bytes - 1);
  return buffer;
}

function install(root: string, c: CorpusCase): void {
  const target = join(root, c.installAs);
  mkdirSync(dirname(target), { recursive: true });
  const source = c.source;
  switch (source.kind) {
    case 'file':
      copyFileSync(join(FILES, source.file), target);
      return;
    case 'large-file':
      writeFileSync(target, largeYaml(source.bytes));
      return;
    case 'directory':
      rmSync(target, { force: true });
      mkdirSync(target);
      writeFileSync(join(target, 'inner.yaml'), subprocessorYaml('inner'));
      return;
    case 'symlink-outside': {
      const outside = join(root, 'outside', 'vendor.yaml');
      mkdirSync(dirname(outside), { recursive: true });
      writeFileSync(outside, subprocessorYaml(c.name));
      symlinkSync(outside, target);
      return;
    }
    case 'broken-symlink':
      symlinkSync('missing.yaml', target);
      return;
    case 'subprocessors-symlink-outside': {
      const outside = join(root, 'outside-subprocessors');
      renameSync(target, outside);
      symlinkSync(outside, target, 'dir');
      return;
    }
  }
}

function parseOutput(stdout: string): Pick<Outcome, 'output' | 'outputProblem'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { outputProblem: `stdout is not JSON:\n${stdout.slice(0, 2000)}` };
  }
  if (validateOutput(parsed)) return { output: parsed };
  return { outputProblem: `stdout does not match schemas/output.schema.json: ${JSON.stringify(validateOutput.errors)}` };
}

/**
 * Cases that only add one file under registry/subprocessors/ share one registry copy and one CLI run: each
 * diagnostic names its file, so every assertion below still looks at its own case only. Settings cases, cases that
 * reshape the registry or change how many files load, and known bugs run alone, so that one cannot hide or cause
 * another's failure.
 */
const SHARED_RUN = 'subprocessor files added side by side';

function runOf(c: CorpusCase): string {
  // A case that changes how many files load (a valid file with a policy finding) would change the count of the others.
  const alone =
    c.bug !== undefined ||
    c.validSubprocessors !== undefined ||
    !c.installAs.startsWith(`${SUBPROCESSORS}/`) ||
    c.source.kind === 'subprocessors-symlink-outside';
  return alone ? c.name : SHARED_RUN;
}

const outcomes = new Map<string, Outcome>();

function outcomeOf(c: CorpusCase): Outcome {
  const run = runOf(c);
  const known = outcomes.get(run);
  if (known) return known;
  const temp = copyOfShippedRegistry();
  try {
    for (const member of CASES.filter((other) => runOf(other) === run)) install(temp.dir, member);
    const result = runCli(['validate', '--format', 'json', 'registry'], temp.dir);
    const outcome = { ...result, ...parseOutput(result.stdout) };
    outcomes.set(run, outcome);
    return outcome;
  } finally {
    temp.cleanup();
  }
}

const show = (d: Diagnostic): string =>
  `  ${d.policy}/${d.messageId} ${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;

function matches(d: Diagnostic, c: CorpusCase, e: Expected): boolean {
  return (
    d.policy === e.policy &&
    d.messageId === e.messageId &&
    d.file === c.installAs &&
    d.line === e.line &&
    (e.column === undefined || d.column === e.column) &&
    (e.messageIncludes === undefined || d.message.includes(e.messageIncludes)) &&
    (e.hintExcludes === undefined || !(d.hint ?? '').includes(e.hintExcludes))
  );
}

/** Exit 1, no crash, valid JSON output, and `expected` among the diagnostics. */
function checkOutcome(c: CorpusCase, expected: Expected): CommandOutput {
  const { code, stdout, stderr, output, outputProblem } = outcomeOf(c);
  expect(`${stdout}\n${stderr}`, 'a stack trace').not.toMatch(/^ {4}at /m);
  expect(`${stdout}\n${stderr}`, 'an internal error').not.toMatch(/internal error/i);
  expect(code, stderr).toBe(1);
  expect(outputProblem).toBeUndefined();
  if (!output) throw new Error('unreachable: no output and no problem');
  const list = output.diagnostics
    .filter((d) => d.file === c.installAs)
    .map(show)
    .join('\n');
  const where = [
    `${c.installAs}:${expected.line}${expected.column === undefined ? '' : `:${expected.column}`}`,
    expected.messageIncludes === undefined ? '' : ` saying ${JSON.stringify(expected.messageIncludes)}`,
    expected.hintExcludes === undefined ? '' : ` with a hint not saying ${JSON.stringify(expected.hintExcludes)}`,
  ].join('');
  const found = output.diagnostics.find((d) => matches(d, c, expected));
  expect(found, `expected ${expected.policy}/${expected.messageId} at ${where}; diagnostics:\n${list}`).toBeDefined();
  return output;
}

/** What every case must also keep: the rest of the registry untouched, and no internal failure in the messages. */
function checkContainment(c: CorpusCase, output: CommandOutput): void {
  const list = (ds: Diagnostic[]) => ds.map(show).join('\n');
  const run = runOf(c);
  const runFiles = new Set(CASES.filter((other) => runOf(other) === run).map((other) => other.installAs));
  const elsewhere = output.diagnostics.filter((d) => !runFiles.has(d.file));
  expect(elsewhere, `diagnostics outside the case file:\n${list(elsewhere)}`).toEqual([]);
  const own = output.diagnostics.filter((d) => d.file === c.installAs);
  const engine = own.filter((d) => ENGINE_TEXT.test(d.message) || ENGINE_TEXT.test(d.hint ?? ''));
  expect(engine, `diagnostics that leak an internal error:\n${list(engine)}`).toEqual([]);
  const clean = c.cleanLines ?? [];
  const onClean = own.filter((d) => clean.includes(d.line));
  expect(onClean, `diagnostics on lines ${clean.join(', ')}, whose values must be accepted:\n${list(onClean)}`).toEqual([]);
  expect(output.summary.subprocessors, 'subprocessor files that still load').toBe(c.validSubprocessors ?? SHIPPED_SUBPROCESSORS);
}

function checkCase(c: CorpusCase): void {
  checkContainment(c, checkOutcome(c, c.expect));
}

describe('hostile registry inputs (test/corpus)', () => {
  it('has unique case names, one case per corpus file and enough cases', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(32);
    const shared = CASES.filter((c) => runOf(c) === SHARED_RUN).map((c) => c.installAs);
    expect(new Set(shared).size, 'cases of the shared run installed at the same path').toBe(shared.length);
    const used = CASES.flatMap((c) => (c.source.kind === 'file' ? [c.source.file] : [])).sort();
    expect(readdirSync(FILES).sort(), 'files of test/corpus/files/ and the files the cases use').toEqual(used);
  });

  it.each(CASES.filter((c) => c.bug === undefined))('$name', checkCase);

  // Known CLI bugs: each test fails today and passes (turning vitest red) once the bug is fixed; then drop `bug`.
  it.fails.each(CASES.filter((c) => c.bug !== undefined).map((c) => ({ ...c, title: `${c.name}: known bug: ${c.bug ?? ''}` })))(
    '$title',
    checkCase,
  );

  const stricter = CASES.flatMap((c) =>
    c.alsoBug ? [{ c, expected: c.alsoBug.expect, title: `${c.name}: known bug: ${c.alsoBug.note}` }] : [],
  );
  it.fails.each(stricter)('$title', ({ c, expected }) => {
    checkOutcome(c, expected);
  });
});
