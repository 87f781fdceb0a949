import type { Release } from '../generated/release.js';
import { sha256Hex } from './build.js';
import { keyIdHex, signData, type SecretKey } from './minisign.js';

/** The fields the trusted comment signs besides the file: a consumer checks them before trusting the content. */
export interface TrustedFields {
  readonly version?: string;
  readonly sha256?: string;
  readonly expires?: string;
  readonly file?: string;
}

export function trustedComment(doc: Pick<Release, 'version' | 'expiresAt'>, bytes: Uint8Array, file: string): string {
  return `version:${doc.version}\tsha256:${sha256Hex(bytes)}\texpires:${doc.expiresAt}\tfile:${file}`;
}

/** Reads key:value pairs, tab-separated, as minisign's own "timestamp:…\tfile:…" comments are. */
export function parseTrustedComment(comment: string): TrustedFields {
  const fields: Record<string, string> = {};
  for (const part of comment.split('\t')) {
    const colon = part.indexOf(':');
    if (colon > 0) fields[part.slice(0, colon)] = part.slice(colon + 1);
  }
  return fields;
}

export function signRelease(secret: SecretKey, doc: Pick<Release, 'version' | 'expiresAt'>, bytes: Uint8Array, file: string): string {
  return signData(secret, bytes, trustedComment(doc, bytes, file), `signature from subproc, key ${keyIdHex(secret.keyId)}`);
}
