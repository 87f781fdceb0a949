import { randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { BoundedReadError, describeReadProblem, READ_LIMITS, readBounded } from '../release/bounded-read.js';
import { parseSemver } from '../release/semver.js';
import { UsageError } from './io.js';

/**
 * `verify --state FILE`: the last release a consumer accepted, which the next verify must not go below. A state
 * that cannot be trusted (unreadable, empty, not JSON, not a version) stops verify with exit 2: treating it as "no
 * state" would let any rollback through. Writes go to a temporary file in the same folder, renamed over the state,
 * so the file is always whole; a lock file (created exclusively) keeps concurrent verifies from reading a state
 * another is about to replace; and the state is read again just before the rename, so that a change made
 * meanwhile (by a run that broke a lock it judged stale) is refused rather than overwritten.
 */

export interface AcceptedState {
  readonly version: string;
  readonly sha256: string;
  readonly acceptedAt: string;
}

/** The state as read: its exact text (compared again before writing) and what it says; none on first use. */
export interface StateSnapshot {
  readonly text: string | undefined;
  readonly state: AcceptedState | undefined;
}

const RESTORE = 'Restore it from a backup: without it, rollbacks cannot be detected.';

function stateError(path: string, what: string, hint = RESTORE): UsageError {
  return new UsageError(`verify: the state file ${path} ${what}`, hint);
}

/** Reads and checks the state file; undefined text and state when it does not exist yet. */
export async function readState(path: string): Promise<StateSnapshot> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path, READ_LIMITS.state);
  } catch (error) {
    if (!(error instanceof BoundedReadError)) throw error;
    const { problem } = error;
    if (problem.kind === 'missing') {
      await requireFolder(path);
      return { text: undefined, state: undefined };
    }
    if (problem.kind === 'not-a-file' && problem.what === 'directory') {
      throw stateError(path, 'is a directory', `Give --state a file, such as ${join(path, 'last-accepted.json')}.`);
    }
    throw stateError(path, `cannot be used: ${describeReadProblem(problem)}`);
  }
  const text = bytes.toString('utf8');
  return { text, state: parseState(path, text) };
}

/** The folder a new state file will be written in must exist: found out now, not after the release was accepted. */
async function requireFolder(path: string): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`verify: cannot write the state file ${path}: the folder ${folder} does not exist`, 'Create the folder first.');
  }
}

function parseState(path: string, text: string): AcceptedState {
  if (text.trim() === '') throw stateError(path, 'is empty: a write was interrupted, or something else truncated it');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw stateError(path, 'is not JSON: it is not one subproc wrote');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw stateError(path, 'is not one subproc wrote');
  const { version, sha256, acceptedAt } = value as Record<string, unknown>;
  if (typeof version !== 'string' || typeof sha256 !== 'string') throw stateError(path, 'is not one subproc wrote');
  if (parseSemver(version) === undefined) {
    throw stateError(path, `names the version ${JSON.stringify(version).slice(0, 60)}, which is not MAJOR.MINOR.PATCH`);
  }
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw stateError(path, 'names a sha256 that is not 64 hexadecimal digits');
  return { version, sha256, acceptedAt: typeof acceptedAt === 'string' ? acceptedAt : '' };
}

/** Writes the new state whole (temporary file, flushed, renamed), unless the state changed since `before`. */
export async function writeState(path: string, before: StateSnapshot, state: AcceptedState): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await readFile(path, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (now !== before.text) {
      throw new UsageError(
        `verify: the state file ${path} changed while this release was being verified (another verify?): nothing was written`,
        'Run verify again: it will judge the release against the new state.',
      );
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export interface LockOptions {
  /** How long to wait for another verify to finish with the state, in ms. */
  readonly waitMs?: number;
  /** A lock whose owner cannot be asked (a process of another host, or none written) is stale after this, in ms. */
  readonly staleMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly at: number;
}

export const LOCK_WAIT_MS = 15_000;
export const LOCK_STALE_MS = 120_000;
/** Breaking a stale lock takes a moment: a break lock this old was left by a verify that died while breaking. */
const BREAK_STALE_MS = 10_000;

/** The state file a path names: a symbolic link is followed, so the rename replaces its target, not the link. */
export async function statePathOf(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

/**
 * Takes `STATE.lock`, created exclusively, waiting while another verify holds it; a stale lock is removed (see
 * breakIfStale). Returns the release function, which removes the lock only if it is still this run's.
 */
export async function lockState(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lock = `${path}.lock`;
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), nonce: randomBytes(8).toString('hex') })}\n`;
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      const handle = await open(lock, 'wx', 0o644);
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return async () => {
        if ((await readFile(lock, 'utf8').catch(() => undefined)) === mine) await unlink(lock).catch(() => undefined);
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new UsageError(
          `verify: cannot write the state file ${path}: the folder ${dirname(path)} does not exist`,
          'Create the folder first.',
        );
      }
      if (code !== 'EEXIST') {
        throw new UsageError(
          `verify: cannot create the lock file ${lock} (${code ?? String(error)})`,
          'verify needs to write beside the state file.',
        );
      }
    }
    if (await breakIfStale(lock, staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new UsageError(
        `verify: another verify has held ${lock} for more than ${Math.round(waitMs / 1000)} s`,
        `If no verify is running, remove ${lock}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * A lock is stale when its owner is a process of this host that is gone, or, when its owner cannot be asked (another
 * host, or nothing written yet), once it is older than `staleMs`. It is removed only under `STATE.lock.break`
 * (created exclusively), and only if it is still stale when read again there: of several verifies that judge it
 * stale, one removes it, and a lock taken meanwhile by a live verify is never removed. True when it was removed.
 */
async function breakIfStale(lock: string, staleMs: number): Promise<boolean> {
  if (!(await isStale(lock, staleMs))) return false;
  const breaker = `${lock}.break`;
  try {
    await (await open(breaker, 'wx', 0o644)).close();
  } catch {
    const info = await stat(breaker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > BREAK_STALE_MS) await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    if (!(await isStale(lock, staleMs))) return false;
    await unlink(lock).catch(() => undefined);
    return true;
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

async function isStale(lock: string, staleMs: number): Promise<boolean> {
  const [text, info] = await Promise.all([readFile(lock, 'utf8').catch(() => undefined), stat(lock).catch(() => undefined)]);
  // Gone meanwhile: nothing to break; the next attempt to take it will tell.
  if (text === undefined || info === undefined) return false;
  const owner = parseOwner(text);
  if (owner !== undefined && owner.host === hostname()) return !isAlive(owner.pid);
  return Date.now() - info.mtimeMs > staleMs;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return Number.isInteger(value.pid) && (value.pid ?? 0) > 0 && typeof value.host === 'string' && typeof value.at === 'number'
      ? { pid: value.pid ?? 0, host: value.host, at: value.at }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
