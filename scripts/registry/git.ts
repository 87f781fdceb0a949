import { spawn } from 'node:child_process';
import { SourceError } from './source.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function cannotRunGit(error: Error): SourceError {
  return new SourceError('git-failed', `cannot run git: ${error.message}`, 'Install git, or validate a folder instead of a git ref.');
}

/**
 * Git needs no secret: the signing key (SUBPROC_SIGNING_KEY; named here, not imported, since the release layer sits
 * above this one) never reaches it, even if the command line forgot to drop it. Defence in depth beside main.ts.
 */
function gitEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'SUBPROC_SIGNING_KEY'));
}

/** Runs git; `input`, when given, is written to its stdin (otherwise stdin is closed from the start). */
export function git(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    // An open stdin pipe nobody reads fails with EPIPE when git exits first: closed unless there is input.
    const child = spawn('git', args, { cwd, env: gitEnv(), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.push(chunk);
    });
    child.on('error', (error) => {
      reject(cannotRunGit(error));
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
 * Reads many blobs with one `git cat-file --batch` process (one process per file would dominate the time of a
 * large registry), handing each to `each` as soon as it has arrived: the caller parses while git is still
 * writing. Answers "<oid> blob <size>\n<bytes>\n" per object, in request order.
 */
export function streamBlobs(oids: readonly string[], cwd: string, each: (index: number, bytes: Buffer) => void): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const err: Buffer[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let next = 0;
    let failed: Error | undefined;
    const fail = (error: Error) => {
      failed ??= error;
      child.kill();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      while (next < oids.length) {
        const newline = pending.indexOf(10, at);
        if (newline < 0) break;
        const header = pending.subarray(at, newline).toString('utf8');
        const [found, type, size] = header.split(' ');
        const oid = oids[next] ?? '';
        if (found !== oid || type !== 'blob' || size === undefined) {
          fail(new SourceError('git-failed', `git cat-file answered "${header}" for ${oid}`));
          return;
        }
        const start = newline + 1;
        const end = start + Number(size);
        // The blob and the newline after it must both have arrived.
        if (end + 1 > pending.length) break;
        try {
          each(next, pending.subarray(start, end));
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        next++;
        at = end + 1;
      }
      pending = pending.subarray(at);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
    });
    child.on('error', (error) => {
      reject(cannotRunGit(error));
    });
    child.on('close', (code) => {
      if (failed) reject(failed);
      else if (code !== 0) reject(new SourceError('git-failed', `git cat-file failed: ${Buffer.concat(err).toString('utf8').trim()}`));
      else if (next < oids.length) reject(new SourceError('git-failed', `git cat-file ended after ${String(next)} of ${String(oids.length)} objects`));
      else resolvePromise();
    });
    // git exiting early closes the pipe; its exit code and stderr then tell what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${oids.join('\n')}\n`);
  });
}
