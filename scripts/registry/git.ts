import { spawn } from 'node:child_process';
import { SourceError } from './source.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    // stdin closed from the start: an open pipe nobody reads fails with EPIPE when git exits first.
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
    });
    child.on('error', (error) => { reject(new SourceError(`cannot run git: ${error.message}`, 'Install git, or validate a folder instead of a git ref.')); });
    child.on('close', (code) => { resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }); });
  });
}

/**
 * The base a change is compared with when none is given: where HEAD (or `head`) left main, or origin/main.
 * Undefined outside a git repository or without either branch.
 */
export async function defaultBase(cwd: string, head = 'HEAD'): Promise<string | undefined> {
  for (const branch of ['main', 'origin/main']) {
    const exists = await git(['rev-parse', '--verify', '--quiet', `${branch}^{commit}`], cwd).catch(() => undefined);
    if (exists?.code !== 0) continue;
    const base = await git(['merge-base', head, branch], cwd);
    if (base.code === 0) return base.stdout.toString('utf8').trim();
  }
  return undefined;
}
