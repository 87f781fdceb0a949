import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type CliResult } from './run-cli.js';

export const DANGER = join(ROOT, 'node_modules', 'danger', 'distribution', 'commands', 'danger.js');
export const DANGERFILE = join(ROOT, 'dangerfile.ts');

/**
 * Runs the real Danger binary with the project's dangerfile. The environment is built from scratch: a host's own
 * CI variables would make Danger think it runs on that CI.
 */
export function runDanger(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [DANGER, ...args, '--dangerfile', DANGERFILE], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', SUBPROC_TODAY: '2026-11-30', ...env },
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
