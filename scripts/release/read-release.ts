import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release } from '../generated/release.js';
import { fullLocator } from '../registry/parse-yaml.js';
import { validatorFor } from '../registry/schemas.js';
import { RELEASE_FILE, SIGNATURE_FILE } from './artefacts.js';
import { BoundedReadError, READ_LIMITS, readBounded } from './bounded-read.js';

/** A release document that is not one: where (file:line:column) and what is wrong. */
export class ReleaseDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'ReleaseDataError';
  }
}

/** A release as read from disk: its bytes, its signature when one lies beside it, and the paths read. */
export interface ReleaseFiles {
  readonly file: string;
  readonly bytes: Buffer;
  readonly signatureFile: string;
  /** Undefined when no signature file exists. */
  readonly signature?: string;
}

/**
 * A release folder (as `subproc release` writes it) or a subprocessors.json file: the document and the signature
 * beside it (FILE.minisig). A missing or unreadable document throws BoundedReadError; a missing signature does not.
 */
export async function readReleaseFiles(path: string): Promise<ReleaseFiles> {
  const info = await stat(path).catch(() => undefined);
  const file = info?.isDirectory() ? join(path, RELEASE_FILE) : path;
  const signatureFile = info?.isDirectory() ? join(path, SIGNATURE_FILE) : `${path}.minisig`;
  const bytes = await readBounded(file, READ_LIMITS.release);
  try {
    const signature = (await readBounded(signatureFile, READ_LIMITS.signature)).toString('utf8');
    return { file, bytes, signatureFile, signature };
  } catch (error) {
    if (error instanceof BoundedReadError && error.problem.kind === 'missing') return { file, bytes, signatureFile };
    throw error;
  }
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Ajv's instance path ("/subprocessors/3/name") as a JSON path for the locator. */
function jsonPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Parses and validates a release document (schemas/release.schema.json), locating what is wrong: the JSON syntax
 * error's position, or the first schema error's value. Throws ReleaseDataError.
 */
export function parseReleaseBytes(file: string, bytes: Uint8Array): Release {
  const text = Buffer.from(bytes).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const offset = /at position (\d+)/.exec((error as Error).message)?.[1];
    const at = offset !== undefined ? positionAt(text, Number(offset)) : { line: 1, column: 1 };
    throw new ReleaseDataError(
      file,
      at.line,
      at.column,
      `not JSON (${(error as Error).message}); a release's subprocessors.json is the JSON document subproc release writes`,
    );
  }
  const validate = validatorFor('release');
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    const path = jsonPath(first?.instancePath ?? '');
    const at = fullLocator(text)(path);
    throw new ReleaseDataError(
      file,
      at.line,
      at.column,
      `not a valid release document: ${first?.instancePath || '/'} ${first?.message ?? ''} (schemas/release.schema.json)`.trim(),
    );
  }
  return doc as Release;
}
