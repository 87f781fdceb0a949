import type { Release } from '../generated/release.js';
import {
  RELEASE_FILE,
  SIGNED_ARTEFACTS,
  PUBLIC_KEY_FILE,
  sha256Hex,
  signatureFileOf,
  type ArtefactName,
  type ReleaseFiles,
} from './artefacts.js';
import { formatPublicKey, keyIdHex, signData, type PublicKey, type SecretKey } from './minisign.js';
import { parseReleaseDocument, PreviousReleaseError } from './previous.js';

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

/** Field names a trusted comment gives more than once: which of the two values is meant would be a guess. */
export function repeatedTrustedFields(comment: string): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const part of comment.split('\t')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const name = part.slice(0, colon);
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

export function signRelease(secret: SecretKey, doc: Pick<Release, 'version' | 'expiresAt'>, bytes: Uint8Array, file: string): string {
  return signData(secret, bytes, trustedComment(doc, bytes, file), `signature from subproc, key ${keyIdHex(secret.keyId)}`);
}

/** What signing a release would do: the files with their signatures, or why it must not be signed. */
export type SignPlan =
  | {
      readonly kind: 'signed';
      readonly doc: Release;
      /** The release's files after signing (SHA256SUMS is recomputed by whoever writes them). */
      readonly files: ReleaseFiles;
      /** The signature files made, in table order. */
      readonly signatures: readonly ArtefactName[];
    }
  /** The files hold no valid release document, or a file the table signs is missing. */
  | { readonly kind: 'no-release' }
  /** Already past its expiry: a consumer would refuse it, so it is not signed. */
  | { readonly kind: 'expired'; readonly doc: Release };

/**
 * Pure: signs every file the release table marks signed (each trusted comment names the release's version and
 * expiry, and that file's hash and name). `shipPublicKey` adds minisign.pub: a one-time key's, which consumers
 * cannot find anywhere else.
 */
export function planSignatures(files: ReleaseFiles, secret: SecretKey, now: Date, shipPublicKey?: PublicKey): SignPlan {
  const document = files.get(RELEASE_FILE);
  if (document === undefined) return { kind: 'no-release' };
  let doc: Release;
  try {
    doc = parseReleaseDocument(document.toString('utf8'), RELEASE_FILE);
  } catch (error) {
    if (error instanceof PreviousReleaseError) return { kind: 'no-release' };
    throw error;
  }
  if (Date.parse(doc.expiresAt) <= now.getTime()) return { kind: 'expired', doc };
  const signed = new Map(files);
  const signatures: ArtefactName[] = [];
  for (const name of SIGNED_ARTEFACTS) {
    const bytes = files.get(name);
    if (bytes === undefined) return { kind: 'no-release' };
    const signatureFile = signatureFileOf(name);
    signed.set(signatureFile, Buffer.from(signRelease(secret, doc, bytes, name)));
    signatures.push(signatureFile);
  }
  if (shipPublicKey) signed.set(PUBLIC_KEY_FILE, Buffer.from(formatPublicKey(shipPublicKey)));
  return { kind: 'signed', doc, files: signed, signatures };
}
