// A new adopter's path, end to end and offline but for the npm registry (the packed package's dependencies come from
// npm's cache when CI has just run `npm ci`): pack → a fresh git repository → npm install the tarball → subproc init →
// import a list laid out unlike the seed page → check → keygen → release → minisign verifies → the library API.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Adopter',
  GIT_AUTHOR_EMAIL: 'adopter@example.com',
  GIT_COMMITTER_NAME: 'Adopter',
  GIT_COMMITTER_EMAIL: 'adopter@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const temp = tempDir('subproc-adopt-');
const repo = join(temp.dir, 'acme-privacy');
// A clean environment, as a new user's shell: no colour, no CI variables that change behaviour, no signing key.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: temp.dir,
  npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? temp.dir, '.npm'),
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
  ...IDENTITY,
};

function run(command: string, args: string[], cwd = repo): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
}

function ok(result: SpawnSyncReturns<string>): string {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

let tarball = '';
let installLog = '';

beforeAll(() => {
  execFileSync('mkdir', ['-p', repo]);
  // The compiled package is what `npm test` built (pretest); packing skips `prepare` so the test does not rebuild.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', temp.dir, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  tarball = join(temp.dir, (JSON.parse(packed) as [{ filename: string }])[0].filename);
  ok(run('git', ['init', '-q', '-b', 'main']));
  ok(run('npm', ['init', '-y']));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  installLog = `${install.stdout}\n${install.stderr}`;
  expect(install.status, installLog).toBe(0);
}, 300_000);

afterAll(() => {
  temp.cleanup();
});

describe('adopting subproc in a new repository', () => {
  it('installs without an engine warning on this Node version', () => {
    expect(installLog).not.toMatch(/EBADENGINE/);
  });

  it('scaffolds, imports a real list, checks, releases and signs', () => {
    const init = run('npx', [
      'subproc',
      'init',
      '--controller',
      'Acme SAS',
      '--controller-country',
      'FR',
      '--contact',
      'privacy@acme.example',
      '--owner',
      '@acme/privacy',
    ]);
    ok(init);
    for (const file of ['registry/registry.yaml', '.github/workflows/subproc-review.yml', 'CODEOWNERS'])
      expect(existsSync(join(repo, file)), file).toBe(true);

    const list = join(ROOT, 'test/fixtures/import/processor-list.csv');
    const imported = run('npx', ['subproc', 'import', list, '--out', 'registry', '--force']);
    expect(imported.status, `${imported.stdout}\n${imported.stderr}`).toBe(0);
    const files = readdirSync(join(repo, 'registry/subprocessors')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    // Every written file names a schema that exists in this repository.
    for (const file of files) {
      const first = readFileSync(join(repo, 'registry/subprocessors', file), 'utf8').split('\n')[0] ?? '';
      const ref = /\$schema=(\S+)/.exec(first)?.[1];
      expect(ref, file).toBeDefined();
      expect(existsSync(join(repo, 'registry/subprocessors', ref ?? '')), `${file}: ${ref}`).toBe(true);
    }

    ok(run('git', ['add', '-A']));
    ok(run('git', ['commit', '-q', '-m', 'Our subprocessors']));
    const check = run('npx', ['subproc', 'check', '--no-base']);
    // Findings are the data's business; a usage or environment error (2) is the tool failing the adopter.
    expect([0, 1], `${check.stdout}\n${check.stderr}`).toContain(check.status);

    const keys = join(temp.dir, 'secret');
    execFileSync('mkdir', ['-p', keys]);
    ok(run('npx', ['subproc', 'keygen', '--secret-file', join(keys, 'subproc.key')]));
    const release = run('npx', ['subproc', 'release', '--key-file', join(keys, 'subproc.key')]);
    ok(release);
    ok(run('minisign', ['-H', '-Vm', 'dist/subprocessors.json', '-p', 'keys/minisign.pub']));
  }, 240_000);

  it("gives a downstream service a typed library: the README's consumer code compiles, and verifies a real release", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- consumer-example[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README.md has the consumer example').toBeDefined();
    writeFileSync(join(repo, 'readme-consumer.mts'), example ?? '');
    // The same calls on the release built above, read from disk instead of fetched.
    writeFileSync(
      join(repo, 'local-consumer.mts'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { verifyRelease, type Release } from 'subproc';",
        'const verified = verifyRelease({',
        "  file: readFileSync('dist/subprocessors.json'),",
        "  signature: readFileSync('dist/subprocessors.json.minisig', 'utf8'),",
        "  publicKey: readFileSync('keys/minisign.pub', 'utf8'),",
        '  now: new Date(),',
        '});',
        'const doc: Release = verified.doc;',
        'console.log(`${verified.version} ${doc.subprocessors.length}`);',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(repo, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2023',
          strict: true,
          outDir: 'out',
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
        files: ['readme-consumer.mts', 'local-consumer.mts'],
      }),
    );
    ok(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']));
    expect(ok(run(process.execPath, ['out/local-consumer.mjs']))).toMatch(/^\d+\.\d+\.\d+ \d+\n$/);
  }, 120_000);
});
