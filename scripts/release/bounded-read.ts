import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reads a file a user named (a signature, a key, a release, a state file) without trusting what the name leads to:
 * opened without blocking (a FIFO with no writer would otherwise hang the open itself), checked on the opened
 * handle to be a regular file (not a FIFO, a device such as /dev/zero or /dev/urandom, a socket or a folder), and
 * read up to a size cap, so that no input can make a command hang or grow without bound.
 */

/** Caps, generous for what each file is: a signature or a key is a few hundred bytes. */
export const READ_LIMITS = {
  signature: 16 * 1024,
  publicKey: 4 * 1024,
  secretKey: 4 * 1024,
  state: 64 * 1024,
  /** subprocessors.json: 100,000 subprocessors make about 40 MB. */
  release: 256 * 1024 * 1024,
} as const;

export type NotAFileKind = 'directory' | 'fifo' | 'character device' | 'block device' | 'socket' | 'other';

/** Why a file could not be read; the caller words it for its own option. */
export type ReadProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-file'; readonly what: NotAFileKind }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'unreadable'; readonly code: string };

export class BoundedReadError extends Error {
  constructor(
    readonly path: string,
    readonly problem: ReadProblem,
  ) {
    super(`${path}: ${describeReadProblem(problem)}`);
    this.name = 'BoundedReadError';
  }
}

/** Words for a problem, to follow "cannot read the signature FILE: ". */
export function describeReadProblem(problem: ReadProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'it does not exist';
    case 'not-a-file':
      return `it is ${notAFileWords(problem.what)}, not a regular file`;
    case 'too-large':
      return `it is larger than ${formatBytes(problem.limit)}, more than such a file can be`;
    case 'unreadable':
      return `it cannot be read (${problem.code})`;
  }
}

/** "a directory", "a FIFO (named pipe)", … */
export function notAFileWords(what: NotAFileKind): string {
  switch (what) {
    case 'fifo':
      return 'a FIFO (named pipe)';
    case 'other':
      return 'something other than a file';
    default:
      return `a ${what}`;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function kindOf(stats: Stats): NotAFileKind | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : String(error);
}

/** The bytes of a regular file of at most `limit` bytes; throws BoundedReadError otherwise. */
export async function readBounded(path: string, limit: number): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer. O_NOCTTY: a terminal
    // device never becomes the controlling terminal. Neither changes how a regular file reads.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BoundedReadError(path, { kind: 'missing' });
    // A socket cannot be opened (ENXIO): it is not a file either.
    if (code === 'ENXIO') throw new BoundedReadError(path, { kind: 'not-a-file', what: 'socket' });
    throw new BoundedReadError(path, { kind: 'unreadable', code });
  }
  try {
    const stats = await handle.stat();
    const what = kindOf(stats);
    if (what !== undefined) throw new BoundedReadError(path, { kind: 'not-a-file', what });
    if (stats.size > limit) throw new BoundedReadError(path, { kind: 'too-large', limit });
    // The file may grow after fstat: read until its end, never holding more than the cap plus one byte.
    let buffer = Buffer.alloc(Math.min(stats.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw new BoundedReadError(path, { kind: 'too-large', limit });
        const bigger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    throw new BoundedReadError(path, { kind: 'unreadable', code: codeOf(error) });
  } finally {
    await handle.close();
  }
}
