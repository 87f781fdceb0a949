import { spawn } from 'node:child_process';
import { SourceError } from './source.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git; `input`, when given, is written to its stdin (otherwise stdin is closed from the start). */
export function git(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    // An open stdin pipe nobody reads fails with EPIPE when git exits first: closed unless there is input.
    const child = spawn('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.push(chunk);
    });
    child.on('error', (error) => {
      reject(new SourceError(`cannot run git: ${error.message}`, 'Install git, or validate a folder instead of a git ref.'));
    });
    child.on('close', (code) => {
      resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() });
    });
    if (input !== undefined && child.stdin) {
      // git exiting early closes the pipe; its exit code and stderr then tell what happened.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

/**
 * The base a change is compared with when none is given: where HEAD (or `head`) left main, or origin/main.
 * Undefined outside a git repository or without either branch.
 */
export async function defaultBase(cwd: string, head = 'HEAD'): Promise<string | undefined> {
  for (const branch of ['main', 'origin/main']) {
    // merge-base fails on a branch that does not exist, as it does outside a repository: then try the next.
    const base = await git(['merge-base', head, branch], cwd).catch(() => undefined);
    if (base?.code === 0) return base.stdout.toString('utf8').trim();
  }
  return undefined;
}

/**
 * Reads many blobs with one `git cat-file --batch` process: one process per file would dominate the time of a
 * large registry. Answers "<oid> blob <size>\n<bytes>\n" per object, in request order.
 */
export async function readBlobs(oids: readonly string[], cwd: string): Promise<Buffer[]> {
  if (oids.length === 0) return [];
  const result = await git(['cat-file', '--batch'], cwd, `${oids.join('\n')}\n`);
  if (result.code !== 0) throw new SourceError(`git cat-file failed: ${result.stderr}`);
  const all = result.stdout;
  const blobs: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const newline = all.indexOf(10, at);
    const header = all.subarray(at, newline).toString('utf8');
    const [found, type, size] = header.split(' ');
    if (found !== oid || type !== 'blob' || size === undefined) throw new SourceError(`git cat-file answered "${header}" for ${oid}`);
    const start = newline + 1;
    blobs.push(all.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}
