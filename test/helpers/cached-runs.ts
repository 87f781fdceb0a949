import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliResult } from './run-cli.js';

/** Every file under `folder`, relative, sorted: what a run left in a cache folder. */
export function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(folder.length + 1))
    .sort();
}

/**
 * Runs a command of a repository three times: with the cache cold (it fills `.subproc-cache/` at the root), warm,
 * and with --no-cache, and expects the same exit code and the same bytes on stdout and stderr from all three:
 * the cache must never change an answer. Returns the cold run's result for the test's own expectations.
 */
export function runCliCached(args: string[], repoDir: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const folder = join(repoDir, '.subproc-cache');
  rmSync(folder, { recursive: true, force: true });
  const cold = runCli(args, repoDir, env);
  // A run that loaded no subprocessor file (a usage error) has nothing to keep.
  const filled = filesIn(folder).some((f) => f.endsWith('.entry'));
  const warm = runCli(args, repoDir, env);
  const uncached = runCli([...args, '--no-cache'], repoDir, env);
  expect({ code: warm.code, stdout: warm.stdout, stderr: warm.stderr, filled }).toEqual({
    code: cold.code,
    stdout: cold.stdout,
    stderr: cold.stderr,
    filled: true,
  });
  expect({ code: uncached.code, stdout: uncached.stdout, stderr: uncached.stderr }).toEqual({
    code: cold.code,
    stdout: cold.stdout,
    stderr: cold.stderr,
  });
  return cold;
}
