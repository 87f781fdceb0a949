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
 * How deep a release document may nest arrays and objects. The release schema allows 7 levels below the document
 * (test/diff.test.ts walks it); twice that leaves room for growth. A document nested deeper is refused before it
 * is parsed, validated or located: those walks cost far more than linear time on a deep enough document (a 6 MB
 * one took 49 s).
 */
export const MAX_RELEASE_DEPTH = 16;

/** The offset of the first bracket that opens level MAX_RELEASE_DEPTH + 1, outside strings; undefined if none. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_RELEASE_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/**
 * Refuses a release that lists a subprocessor id twice: a diff keyed by id would silently keep one of the two, so
 * the reader would never see the other. Located at the second occurrence's id.
 */
export function assertUniqueIds(file: string, bytes: Uint8Array, doc: Release): void {
  const seen = new Map<string, number>();
  doc.subprocessors.forEach((entry, index) => {
    const first = seen.get(entry.id);
    if (first === undefined) {
      seen.set(entry.id, index);
      return;
    }
    const at = fullLocator(Buffer.from(bytes).toString('utf8'))(['subprocessors', index, 'id']);
    throw new ReleaseDataError(
      file,
      at.line,
      at.column,
      `subprocessor id "${entry.id}" is listed twice (subprocessors ${first + 1} and ${index + 1}); a release lists each subprocessor once`,
    );
  });
}

/**
 * Parses and validates a release document (schemas/release.schema.json), locating what is wrong: the JSON syntax
 * error's position, or the first schema error's value. Throws ReleaseDataError.
 */
export function parseReleaseBytes(file: string, bytes: Uint8Array): Release {
  const text = Buffer.from(bytes).toString('utf8');
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const at = positionAt(text, deep);
    throw new ReleaseDataError(
      file,
      at.line,
      at.column,
      `nested more than ${MAX_RELEASE_DEPTH} levels deep here; a release document (schemas/release.schema.json) never is`,
    );
  }
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
  assertUniqueIds(file, bytes, doc as Release);
  return doc as Release;
}
