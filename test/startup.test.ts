// What a `check` pays before it reads the first file: the modules it loads (the command line's bundle, build/bundle/)
// and the git processes it waits for, one after another. Both were most of the shipped registry's check time
// (issue 16: check at most 2.5 times `node -e 0`); these tests fail when either grows back.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitSource } from '../scripts/registry/git-source.js';
import { SourceError } from '../scripts/registry/source.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const BUNDLE = join(ROOT, 'build', 'bundle');

/** The files of the bundle that `entries` load before they run, themselves included, and the packages they import. */
function staticGraph(...entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(join(BUNDLE, file), 'utf8');
    // esbuild writes static imports at the top of a chunk: `import "x";`, `import { a } from "x";`, or a long list
    // over several lines that ends `} from "x";`.
    for (const [, bare, named] of code.matchAll(/^(?:import\s*"([^"]+)"|(?:import|export|\})[^"\n]*\bfrom\s*"([^"]+)");$/gm)) {
      const specifier = bare ?? named ?? '';
      if (specifier.startsWith('./')) pending.push(specifier.slice(2));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('the command line bundle', () => {
  const main = readFileSync(join(BUNDLE, 'main.js'), 'utf8');
  const commandFile = (command: string) => main.match(new RegExp(`import\\("\\./(${command}-[A-Z0-9]+\\.js)"\\)`))?.[1];

  it('is what bin/subproc.js runs, and loads each command on demand', () => {
    expect(readFileSync(join(ROOT, 'bin', 'subproc.js'), 'utf8')).toContain("'../build/bundle/main.js'");
    for (const command of ['check', 'validate', 'release', 'publish', 'import']) expect(commandFile(command), command).toBeDefined();
  });

  it('a check loads no package before it runs: no Octokit, no YAML library, no Ajv compiler', () => {
    const check = commandFile('check');
    expect(check).toBeDefined();
    const { files, packages } = staticGraph('main.js', check ?? '');
    expect([...packages]).toEqual([]);
    // The release command does load Octokit: the scan sees packages where there are some.
    expect([...staticGraph(commandFile('publish') ?? '').packages]).toContain('@octokit/rest');
    // Fewer files than commands' modules: a check does not load the other commands' code.
    expect(files.size).toBeLessThan(readdirSync(BUNDLE).length / 2);
    // The scan follows chunks: main.js alone loads fewer.
    expect(staticGraph('main.js').files.size).toBeLessThan(files.size);
  });
});

describe('the git processes of a check', () => {
  const work = tempDir('subproc-startup-');
  afterAll(work.cleanup);

  it('a check of the shipped registry in a clone waits for four git processes, and runs six', () => {
    const repo = gitRepo({ 'README.md': 'adopter\n' });
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    repo.commit({}, 'registry');
    const trace = join(work.dir, 'git-trace');
    const run = runCli(['check', '--no-cache'], repo.dir, { GIT_TRACE: trace });
    repo.cleanup();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const commands = [...readFileSync(trace, 'utf8').matchAll(/trace: built-in: git ([a-z-]+)/g)].map((m) => m[1]).sort();
    // In order: merge-base (with rev-parse --show-prefix beside it), ls-tree, cat-file; ls-files and diff-files
    // answer for the head while the base is read.
    expect(commands).toEqual(['cat-file', 'diff-files', 'ls-files', 'ls-tree', 'merge-base', 'rev-parse']);
  });
});

describe('a git source told where the current folder lies in the repository', () => {
  it('reads the registry without asking git for the prefix, from a subfolder too', async () => {
    const repo = gitRepo({ 'registry/registry.yaml': 'x: 1\n', 'registry/subprocessors/a.yaml': 'id: a\n', 'sub/keep': '' });
    const fromTop = await gitSource('HEAD', 'registry', repo.dir, { cwdPrefix: '' }).list();
    const fromSub = await gitSource('HEAD', '../registry', join(repo.dir, 'sub'), { cwdPrefix: 'sub/' }).list();
    repo.cleanup();
    expect(fromTop?.map((e) => e.file)).toEqual(['registry/registry.yaml', 'registry/subprocessors', 'registry/subprocessors/a.yaml']);
    expect(fromSub).toEqual(fromTop);
  });

  it('still names an unknown ref, and a ref that is not a commit, as unknown refs', async () => {
    const repo = gitRepo({ 'registry/registry.yaml': 'x: 1\n' });
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    const errors = await Promise.all(
      ['no-such-branch', tree].map((ref) =>
        gitSource(ref, 'registry', repo.dir, { cwdPrefix: '' })
          .list()
          .then(
            () => undefined,
            (error: unknown) => error,
          ),
      ),
    );
    repo.cleanup();
    for (const error of errors) {
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).code).toBe('unknown-ref');
    }
  });
});
