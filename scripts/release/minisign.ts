import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/*
 * The minisign formats (https://jedisct1.github.io/minisign/), written with node:crypto so that the independent
 * `minisign` program verifies our signatures and we verify its own. Algorithm "Ed" signs the file itself, "ED" its
 * BLAKE2b-512 hash (prehashed: what we produce, what `minisign -H` requires).
 */

export const SIGNATURE_ALGORITHM = Buffer.from('Ed');
const PREHASHED = Buffer.from('ED');
export const UNTRUSTED = 'untrusted comment: ';
const TRUSTED = 'trusted comment: ';
// DER wrappers that turn raw Ed25519 key bytes into the PKCS#8 and SPKI structures node:crypto reads.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface PublicKey {
  readonly keyId: Buffer;
  readonly key: Buffer;
}

export interface SecretKey {
  readonly keyId: Buffer;
  readonly seed: Buffer;
}

export interface Signature {
  readonly algorithm: 'Ed' | 'ED';
  readonly keyId: Buffer;
  readonly signature: Buffer;
  readonly trustedComment: string;
  readonly globalSignature: Buffer;
}

/** Thrown for malformed key or signature text; `code` lets callers choose their message and exit status. */
export class MinisignError extends Error {
  constructor(
    readonly code: 'bad-public-key' | 'bad-secret-key' | 'encrypted-secret-key' | 'bad-signature-format',
    message: string,
    /** The line of the key or signature text the problem is on, when it is on one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'MinisignError';
  }
}

/** minisign prints key ids as the little-endian 64-bit number they encode, in upper-case hex. */
export function keyIdHex(keyId: Buffer): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

function publicKeyObject(key: PublicKey): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key.key]), format: 'der', type: 'spki' });
}

function secretKeyObject(key: SecretKey): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, key.seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyOf(secret: SecretKey): PublicKey {
  const spki = createPublicKey(secretKeyObject(secret)).export({ format: 'der', type: 'spki' });
  return { keyId: secret.keyId, key: spki.subarray(SPKI_PREFIX.length) };
}

export function generateKeyPair(): { publicKey: PublicKey; secretKey: SecretKey } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const secretKey = { keyId: randomBytes(8), seed: pkcs8.subarray(PKCS8_PREFIX.length) };
  return { publicKey: publicKeyOf(secretKey), secretKey };
}

export function formatPublicKey(key: PublicKey): string {
  const body = Buffer.concat([SIGNATURE_ALGORITHM, key.keyId, key.key]).toString('base64');
  return `${UNTRUSTED}minisign public key ${keyIdHex(key.keyId)}\n${body}\n`;
}

/**
 * Strict base64 (RFC 4648 §4, as minisign's own decoder): only the alphabet, padding only at the end and only as
 * much as the length needs, and no stray bits in the last character. Buffer.from(text, 'base64') would skip junk
 * and accept any padding, so "RWQ0!!" and a line with spaces inside would decode.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Canonical: the bits past the last byte must be zero, so that one byte string has one encoding.
  return bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * The lines of a key or signature file: LF or CRLF ends, empty lines at the end dropped; nothing else is trimmed,
 * so a blank inside or after a base64 line stays there to be refused. A NUL byte ends the text for minisign (a C
 * string), so a file holding one is not what it seems: undefined.
 */
export function linesOf(text: string): string[] | undefined {
  if (text.includes('\0')) return undefined;
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A minisign public key file ("untrusted comment: …" then the key line), or its base64 line alone (as `minisign -P` takes it). */
export function parsePublicKey(text: string): PublicKey {
  const bad = (why: string) => new MinisignError('bad-public-key', `not a minisign Ed25519 public key: ${why}`);
  const lines = linesOf(text);
  if (lines === undefined) throw bad('it holds a NUL byte');
  const body = lines.length === 2 && lines[0]?.startsWith(UNTRUSTED) ? lines[1] : lines.length === 1 ? lines[0] : undefined;
  if (body === undefined) throw bad('expected an untrusted comment line and the key line');
  const bytes = decodeBase64Strict(body);
  if (bytes === undefined) throw bad('the key line is not base64');
  if (bytes.length !== 42) throw bad('the key line has the wrong length');
  if (!bytes.subarray(0, 2).equals(SIGNATURE_ALGORITHM)) throw bad('unknown key algorithm');
  return { keyId: bytes.subarray(2, 10), key: bytes.subarray(10, 42) };
}

export const SECRET_PREFIX = 'SUBPROC-ED25519-';

/** The secret key as one line, fit for a CI secret: algorithm, key id and seed, unencrypted. */
export function formatSecretKey(key: SecretKey): string {
  return `${SECRET_PREFIX}${Buffer.concat([SIGNATURE_ALGORITHM, key.keyId, key.seed]).toString('base64')}`;
}

export function parseSecretKey(text: string): SecretKey {
  const line = text.trim();
  const bytes = line.startsWith(SECRET_PREFIX) ? decodeBase64Strict(line.slice(SECRET_PREFIX.length)) : undefined;
  if (bytes === undefined || bytes.length !== 42 || !bytes.subarray(0, 2).equals(SIGNATURE_ALGORITHM)) {
    throw new MinisignError('bad-secret-key', `not a subproc signing key (expected one line starting with ${SECRET_PREFIX})`);
  }
  return { keyId: bytes.subarray(2, 10), seed: bytes.subarray(10, 42) };
}

function blake2b512(data: Uint8Array): Buffer {
  return createHash('blake2b512').update(data).digest();
}

/** Signs the BLAKE2b-512 hash of `data` ("ED"), then the signature with the trusted comment. */
export function signData(secret: SecretKey, data: Uint8Array, trustedComment: string, untrustedComment: string): string {
  if (/[\r\n]/.test(trustedComment) || /[\r\n]/.test(untrustedComment)) throw new Error('minisign comments are single lines');
  const key = secretKeyObject(secret);
  const signature = sign(null, blake2b512(data), key);
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(trustedComment)]), key);
  const line = Buffer.concat([PREHASHED, secret.keyId, signature]).toString('base64');
  return `${UNTRUSTED}${untrustedComment}\n${line}\n${TRUSTED}${trustedComment}\n${globalSignature.toString('base64')}\n`;
}

/**
 * A minisign signature file: exactly four lines (an untrusted comment, the signature, the trusted comment, the
 * trusted comment's signature), LF or CRLF, with or without a final newline. Anything else is refused: what
 * `minisign -V` would not accept, subproc does not either.
 */
export function parseSignature(text: string): Signature {
  const bad = (why: string) => new MinisignError('bad-signature-format', `not a minisign signature: ${why}`);
  const lines = linesOf(text);
  if (lines === undefined) throw bad('it holds a NUL byte');
  const [untrusted, body, trusted, global] = lines;
  if (!untrusted?.startsWith(UNTRUSTED)) throw bad('the first line is not an untrusted comment');
  if (!trusted?.startsWith(TRUSTED)) throw bad('the third line is not a trusted comment');
  if (lines.length > 4) throw bad('there is more after the trusted comment signature');
  const bytes = decodeBase64Strict(body ?? '');
  const globalSignature = decodeBase64Strict(global ?? '');
  if (bytes === undefined) throw bad('the signature line is not base64');
  if (bytes.length !== 74) throw bad('the signature line has the wrong length');
  if (globalSignature === undefined) throw bad('the trusted comment signature is not base64');
  if (globalSignature.length !== 64) throw bad('the trusted comment signature has the wrong length');
  const algorithm = bytes.subarray(0, 2).toString('latin1');
  if (algorithm !== 'Ed' && algorithm !== 'ED') throw bad(`unknown algorithm ${JSON.stringify(algorithm)}`);
  return {
    algorithm,
    keyId: bytes.subarray(2, 10),
    signature: bytes.subarray(10, 74),
    trustedComment: trusted.slice(TRUSTED.length),
    globalSignature,
  };
}

/** Checks the file signature, then the trusted comment's; returns which one failed, if any. */
export function checkSignature(key: PublicKey, data: Uint8Array, sig: Signature): 'ok' | 'file' | 'trusted-comment' {
  const object = publicKeyObject(key);
  const signed = sig.algorithm === 'ED' ? blake2b512(data) : Buffer.from(data);
  if (!verify(null, signed, object, sig.signature)) return 'file';
  if (!verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment)]), object, sig.globalSignature)) return 'trusted-comment';
  return 'ok';
}
