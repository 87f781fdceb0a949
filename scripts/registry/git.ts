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

/**
 * Reads many blobs with one `git cat-file --batch` process: one process per file would dominate the time of a
 * large registry. Answers "<oid> blob <size>\n<bytes>\n" per object, in request order.
 */
export function readBlobs(oids: readonly string[], cwd: string): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
    });
    // git exiting early closes the pipe; its exit code and stderr then tell what happened.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      reject(new SourceError(`cannot run git: ${error.message}`));
    });
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new SourceError(`git cat-file failed: ${Buffer.concat(err).toString('utf8').trim()}`));
        return;
      }
      const all = Buffer.concat(out);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const oid of oids) {
        const newline = all.indexOf(10, at);
        const header = all.subarray(at, newline).toString('utf8');
        const [found, type, size] = header.split(' ');
        if (found !== oid || type !== 'blob' || size === undefined) {
          reject(new SourceError(`git cat-file answered "${header}" for ${oid}`));
          return;
        }
        const start = newline + 1;
        blobs.push(all.subarray(start, start + Number(size)));
        at = start + Number(size) + 1;
      }
      resolvePromise(blobs);
    });
    child.stdin.end(`${oids.join('\n')}\n`);
  });
}
