import { validatorFor } from '../registry/schemas.js';
import type { Release } from '../generated/release.js';
import { sha256Hex } from './artefacts.js';
import { checkSignature, keyIdHex, MinisignError, parsePublicKey, parseSignature, type Signature } from './minisign.js';
import { compareSemver, parseSemver } from './semver.js';
import { parseTrustedComment, repeatedTrustedFields } from './signing.js';

export type VerifyFailure =
  | 'bad-public-key'
  | 'bad-signature-format'
  | 'legacy-signature'
  | 'wrong-key'
  | 'bad-signature'
  | 'bad-trusted-comment'
  | 'incomplete-trusted-comment'
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
  /**
   * Accept a legacy minisign signature ("Ed": the file itself signed, not its BLAKE2b-512 hash). subproc never makes
   * one, and `minisign -H` refuses them; only a consumer who knows why may ask for it.
   */
  readonly allowLegacy?: boolean;
}

export interface Verified {
  readonly doc: Release;
  readonly version: string;
  readonly sha256: string;
  readonly keyId: string;
  /** What the consumer should know about an accepted release, e.g. that its signature is legacy ("Ed"). */
  readonly notes: readonly string[];
}

/**
 * What a consumer must do before using a release: check the key, both signatures and the trusted comment, and
 * only then parse; validate the document; refuse an expired release and a rollback. Throws VerifyError.
 */
export function verifyRelease(input: VerifyInput): Verified {
  const { sig, notes, keyId } = verifySignature(input);

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
  const fields = signedFields(sig.trustedComment);
  const mismatch = (name: string, signed: string, actual: string) => {
    if (signed !== actual) throw new VerifyError('comment-mismatch', `the signed ${name} is ${signed}, the file says ${actual}`);
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
    // Fail closed: a last version that is not one would compare as 0.0.0 and let any rollback through.
    if (parseSemver(last.version) === undefined) throw new Error(`the last accepted version "${last.version}" is not MAJOR.MINOR.PATCH`);
    const order = compareSemver(release.version, last.version);
    if (order < 0)
      throw new VerifyError('rollback', `release ${release.version} is older than ${last.version}, already accepted: refusing a rollback`);
    if (order === 0 && last.sha256 !== sha256)
      throw new VerifyError('rollback', `release ${release.version} was accepted before with other content: refusing a replaced release`);
  }
  return { doc: release, version: release.version, sha256, keyId, notes };
}

export interface SignedInput {
  readonly file: Uint8Array;
  readonly signature: string;
  readonly publicKey: string;
  readonly allowLegacy?: boolean;
}

/**
 * The signature checks alone, for any file the release signs: the key id is the trusted key's, the signature is
 * prehashed (or legacy when allowed), and both signatures hold. Parses nothing of the file. Throws VerifyError.
 */
export function verifySignature(input: SignedInput): { sig: Signature; keyId: string; notes: string[] } {
  const key = wrap(() => parsePublicKey(input.publicKey));
  const sig = wrap(() => parseSignature(input.signature));
  const notes: string[] = [];
  if (sig.algorithm === 'Ed') {
    if (!input.allowLegacy)
      throw new VerifyError(
        'legacy-signature',
        'the signature is a legacy one ("Ed", made with minisign -l): it signs the file itself, not its hash; subproc releases are never signed so (pass --allow-legacy to accept it anyway)',
      );
    notes.push('accepted a legacy signature ("Ed"), as --allow-legacy asked');
  }
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
  return { sig, keyId: keyIdHex(key.keyId), notes };
}

/**
 * One signed file of a release, as both the release pipeline's read-back and publish check it: the signature checks
 * (verifySignature) and a trusted comment of ours that signs this file's sha256, so that a valid signature of
 * another file cannot pass for this one. Returns the signed fields for the caller's own checks (publish: version
 * and expiry). Throws VerifyError.
 */
export function verifySignedFile(input: SignedInput): { readonly sha256: string; readonly version: string; readonly expires: string } {
  const { sig } = verifySignature(input);
  const fields = signedFields(sig.trustedComment);
  if (fields.sha256 !== sha256Hex(input.file)) throw new VerifyError('comment-mismatch', 'its trusted comment signs another file');
  return fields;
}

/**
 * The fields a trusted comment of ours must sign, each once: the file's sha256, the release's version and expiry.
 * Without them a valid signature could be replayed for another file or past a re-issue, so a comment that lacks
 * one is refused (incomplete-trusted-comment), not noted.
 */
export function signedFields(comment: string): { readonly sha256: string; readonly version: string; readonly expires: string } {
  const fields = parseTrustedComment(comment);
  const { sha256, version, expires } = fields;
  if (sha256 === undefined || version === undefined || expires === undefined) {
    const missing = Object.entries({ sha256, version, expires })
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    throw new VerifyError(
      'incomplete-trusted-comment',
      `the trusted comment does not sign the ${missing.join(', ')} of the release (it says "${printable(comment)}"): it is not a subproc release signature`,
    );
  }
  const repeated = repeatedTrustedFields(comment).filter((name) => name === 'sha256' || name === 'version' || name === 'expires');
  if (repeated.length > 0)
    throw new VerifyError('incomplete-trusted-comment', `the trusted comment gives the ${repeated.join(', ')} more than once`);
  return { sha256, version, expires };
}

/** A signed comment quoted in a message: anything but printable ASCII escaped (controls, bidi marks), cut short. */
function printable(text: string): string {
  const escaped = text.replace(/[^\x20-\x7e]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`).replace(/"/g, '\\"');
  return escaped.length > 120 ? `${escaped.slice(0, 120)}…` : escaped;
}

function wrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MinisignError)
      // Only public keys and signatures are parsed here: a secret-key code cannot arise, and would be a bad key.
      throw new VerifyError(error.code === 'bad-signature-format' ? error.code : 'bad-public-key', error.message);
    throw error;
  }
}
