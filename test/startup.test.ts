// What a `check` pays before it reads the first file: the code it loads (the command line's bundle, build/bundle/)
// and the git processes it waits for, one after another. Both were most of the shipped registry's check time
// (issue 16: check at most 2.5 times `node -e 0`); these tests fail when either grows back.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

/** The CommonJS files a run of the command line loaded (require.cache at exit), relative to the package root. */
function loadedBy(args: string[], cwd: string, work: string): string[] {
  const probe = join(work, 'loaded-probe.cjs');
  const out = join(work, 'loaded.json');
  writeFileSync(
    probe,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const run = runCli(args, cwd, { NODE_OPTIONS: `--require ${probe}` });
  expect(run.stderr).toBe('');
  return (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((file) => relative(ROOT, file));
}

describe('the command line bundle', () => {
  const work = tempDir('subproc-startup-');
  afterAll(work.cleanup);

  it('a check loads the one bundle file and no package it does not use: no Octokit, no YAML library, no Ajv compiler', () => {
    const repo = gitRepo({ 'README.md': 'adopter\n' });
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    repo.commit({}, 'registry');
    const check = loadedBy(['check', '--no-cache'], repo.dir, work.dir);
    const publish = loadedBy(['publish', '--help'], repo.dir, work.dir);
    repo.cleanup();
    expect(check).toContain('build/bundle/main.cjs');
    expect(check.filter((file) => file.startsWith('build/scripts/'))).toEqual([]);
    const unused = /node_modules\/(@octokit|bottleneck|yaml|i18n-iso-countries)\/|node_modules\/ajv\/dist\/(core|2020)\.js/;
    expect(check.filter((file) => unused.test(file))).toEqual([]);
    // The precompiled validators are what a check validates with.
    expect(check).toContain('build/validators/subprocessor.cjs');
    // The command that uses Octokit loads it: the probe sees packages where there are some.
    expect(publish.some((file) => file.includes('node_modules/@octokit/'))).toBe(true);
  });
});

describe('the git processes of a check', () => {
  const work = tempDir('subproc-startup-');
  afterAll(work.cleanup);

  it('a check of the shipped registry in a clone waits for four git processes, and runs eight', () => {
    const repo = gitRepo({ 'README.md': 'adopter\n' });
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    repo.commit({}, 'registry');
    const trace = join(work.dir, 'git-trace');
    const run = runCli(['check', '--no-cache'], repo.dir, { GIT_TRACE: trace });
    repo.cleanup();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const commands = [...readFileSync(trace, 'utf8').matchAll(/trace: built-in: git ([a-z-]+)/g)].map((m) => m[1]).sort();
    // In order: merge-base, rev-parse (the base's prefix), ls-tree, cat-file; ls-files, diff-files and config
    // (core.autocrlf), then check-attr (the files git converts), answer for the head while the base is read.
    expect(commands).toEqual(['cat-file', 'check-attr', 'config', 'diff-files', 'ls-files', 'ls-tree', 'merge-base', 'rev-parse']);
  });
});
