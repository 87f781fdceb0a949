import { validatorFor } from '../registry/schemas.js';
import type { Release } from '../generated/release.js';
import { sha256Hex } from './artefacts.js';
import { checkSignature, keyIdHex, MinisignError, parsePublicKey, parseSignature } from './minisign.js';
import { compareSemver } from './semver.js';
import { parseTrustedComment } from './signing.js';

export type VerifyFailure =
  | 'bad-public-key'
  | 'bad-signature-format'
  | 'wrong-key'
  | 'bad-signature'
  | 'bad-trusted-comment'
  | 'not-json'
  | 'invalid-document'
  | 'comment-mismatch'
  | 'expired'
  | 'rollback';

/** A refusal: `code` says which check failed, the message says it in words. */
export class VerifyError extends Error {
  constructor(
    readonly code: VerifyFailure,
    message: string,
  ) {
    super(message);
    this.name = 'VerifyError';
  }
}

export interface VerifyInput {
  /** The bytes of subprocessors.json, exactly as downloaded. */
  readonly file: Uint8Array;
  readonly signature: string;
  readonly publicKey: string;
  readonly now: Date;
  /** The highest version accepted before: anything lower is a rollback. */
  readonly lastAccepted?: { readonly version: string; readonly sha256: string };
}

export interface Verified {
  readonly doc: Release;
  readonly version: string;
  readonly sha256: string;
  readonly keyId: string;
  /** Checks that could not be made, e.g. a signature whose trusted comment names no version. */
  readonly notes: readonly string[];
}

/**
 * What a consumer must do before using a release: check the key, both signatures and the trusted comment, and
 * only then parse; validate the document; refuse an expired release and a rollback. Throws VerifyError.
 */
export function verifyRelease(input: VerifyInput): Verified {
  const key = wrap(() => parsePublicKey(input.publicKey));
  const sig = wrap(() => parseSignature(input.signature));
  if (!sig.keyId.equals(key.keyId)) {
    throw new VerifyError(
      'wrong-key',
      `the signature was made with key ${keyIdHex(sig.keyId)}, not the trusted key ${keyIdHex(key.keyId)}`,
    );
  }
  const outcome = checkSignature(key, input.file, sig);
  if (outcome === 'file')
    throw new VerifyError(
      'bad-signature',
      'the signature does not match the file: it was changed after signing, or signed with another key',
    );
  if (outcome === 'trusted-comment') throw new VerifyError('bad-trusted-comment', 'the trusted comment was changed after signing');

  // Only now is the content trusted enough to parse.
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(input.file).toString('utf8'));
  } catch {
    throw new VerifyError('not-json', 'the signed file is not JSON');
  }
  const validate = validatorFor('release');
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    throw new VerifyError(
      'invalid-document',
      `the signed file is not a valid release: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
    );
  }
  const release = doc as Release;
  const sha256 = sha256Hex(input.file);
  const fields = parseTrustedComment(sig.trustedComment);
  const notes: string[] = [];
  const mismatch = (name: string, signed: string | undefined, actual: string) => {
    if (signed === undefined) notes.push(`the trusted comment does not sign the ${name}`);
    else if (signed !== actual) throw new VerifyError('comment-mismatch', `the signed ${name} is ${signed}, the file says ${actual}`);
  };
  mismatch('sha256', fields.sha256, sha256);
  mismatch('version', fields.version, release.version);
  mismatch('expiry', fields.expires, release.expiresAt);

  if (Date.parse(release.expiresAt) <= input.now.getTime()) {
    throw new VerifyError(
      'expired',
      `release ${release.version} expired at ${release.expiresAt}: the publisher has not re-issued the list; do not use it`,
    );
  }
  const last = input.lastAccepted;
  if (last) {
    const order = compareSemver(release.version, last.version);
    if (order < 0)
      throw new VerifyError('rollback', `release ${release.version} is older than ${last.version}, already accepted: refusing a rollback`);
    if (order === 0 && last.sha256 !== sha256)
      throw new VerifyError('rollback', `release ${release.version} was accepted before with other content: refusing a replaced release`);
  }
  return { doc: release, version: release.version, sha256, keyId: keyIdHex(key.keyId), notes };
}

function wrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MinisignError)
      throw new VerifyError(error.code === 'bad-secret-key' ? 'bad-public-key' : error.code, error.message);
    throw error;
  }
}
