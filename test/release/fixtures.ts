import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, runCli, type CliResult } from '../helpers/run-cli.js';
import type { Tree } from '../helpers/temp-registry.js';

/** The build clock every release test uses, so documents and their hashes do not depend on the day. */
export const RELEASED_AT = '2026-11-23T10:00:00Z';
/** RELEASED_AT plus the 90 days of validity. */
export const EXPIRES_AT = '2027-02-21T10:00:00Z';
/** A verification instant well inside the validity of a release built at RELEASED_AT. */
export const NOW = '2026-12-01T00:00:00Z';

/**
 * Variables of the host (a CI runner, a developer's shell) that would change what the release commands do: a
 * signing key, the repository and server of GitHub Actions, a reproducible-build clock. Undefined removes them.
 */
export const CLEAN_ENV: NodeJS.ProcessEnv = {
  SUBPROC_SIGNING_KEY: undefined,
  GITHUB_REPOSITORY: undefined,
  GITHUB_SERVER_URL: undefined,
  GITHUB_TOKEN: undefined,
  GH_TOKEN: undefined,
  SOURCE_DATE_EPOCH: undefined,
  SUBPROC_DEBUG: undefined,
};

/** The real, compiled `subproc`, with the host's release-related variables removed. */
export function subproc(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  return runCli(args, cwd, { ...CLEAN_ENV, ...env });
}

/**
 * `subproc` for inputs that could make it hang (a FIFO, a device): killed after `ms`, and `timedOut` says so, so
 * that a hang fails the test instead of blocking the test runner.
 */
export function subprocWithin(args: string[], cwd: string, ms = 10_000, env: NodeJS.ProcessEnv = {}): CliResult & { timedOut: boolean } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...CLEAN_ENV, ...env },
    timeout: ms,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, timedOut: result.signal === 'SIGKILL' };
}

/** The Debian `minisign` program, never waiting for a password on the terminal. */
export function minisign(args: string[], cwd: string): CliResult {
  const result = spawnSync('minisign', args, { cwd, encoding: 'utf8', input: '', timeout: 20_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Another real program (sha256sum, …), in `cwd`. */
export function run(program: string, args: string[], cwd: string): CliResult {
  const result = spawnSync(program, args, { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function walk(root: string, prefix: string, tree: Tree): Tree {
  for (const name of readdirSync(join(root, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) walk(root, rel, tree);
    else tree[rel] = readFileSync(join(root, rel));
  }
  return tree;
}

/** The repository's shipped registry as a file tree for gitRepo: registry/registry.yaml, registry/subprocessors/… */
export function shippedRegistryTree(): Tree {
  return walk(ROOT, 'registry', {});
}

/** Every file of a folder (not recursive), name → bytes. */
export function readFolder(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))] as const),
  );
}

/** A valid subprocessor file with status retired. */
export function retiredYaml(id: string, on = '2025-06-30', reason = 'The contract ended.'): string {
  return [
    `id: ${id}`,
    `name: Retired ${id}`,
    'category: hosting',
    'tasks:',
    '  - Hosting of the platform',
    'locations:',
    '  - place: FR',
    '    mechanism: none',
    'status: retired',
    'retired:',
    `  on: ${on}`,
    `  reason: ${reason}`,
    '',
  ].join('\n');
}
