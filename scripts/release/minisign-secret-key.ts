import { blake2b } from './blake2b.js';
import {
  decodeBase64Strict,
  keyIdHex,
  linesOf,
  MinisignError,
  parseSecretKey,
  publicKeyOf,
  SECRET_PREFIX,
  SIGNATURE_ALGORITHM,
  UNTRUSTED,
  type SecretKey,
} from './minisign.js';

/*
 * minisign's own secret key file: an untrusted comment, then one base64 line of
 *   sig_alg "Ed" | kdf_alg ("Sc" scrypt, or two zero bytes: none) | chk_alg "B2" | kdf_salt[32] | opslimit u64le |
 *   memlimit u64le | keynum[8] | secret key[64] (Ed25519 seed, then the public key) | checksum[32]
 * where the last 104 bytes are XOR-encrypted with an scrypt stream when kdf_alg is "Sc", and the checksum is
 * BLAKE2b-256(sig_alg || keynum || secret key). subproc reads only unencrypted keys (`minisign -G -W`): it never asks
 * for a password.
 */

const KDF_SCRYPT = 'Sc';
const KDF_NONE = Buffer.alloc(2);
const CHECKSUM_ALGORITHM = Buffer.from('B2');
const LENGTH = 158;
const PUBLIC_KEY_LENGTH = 42;
const KEYNUM_AT = 54;
const SECRET_AT = 62;
const CHECKSUM_AT = 126;

/** What to run to get a key subproc can read out of an encrypted one, without touching the original. */
export function unencryptedCopyHint(file: string): string {
  return `Make an unencrypted copy (outside the repository, mode 600) and give that: cp ${file} plain.key && chmod 600 plain.key && minisign -C -s plain.key -W (asks for the password once, then removes it)`;
}

function checksumOf(keynum: Buffer, secret: Buffer): Buffer {
  return blake2b([SIGNATURE_ALGORITHM, keynum, secret], 32);
}

/**
 * A minisign secret key file, unencrypted. Every refusal names the line and never the key: an encrypted key is its
 * own code so that the caller can say how to remove the password.
 */
export function parseMinisignSecretKey(text: string): SecretKey {
  const bad = (why: string, line?: number) => new MinisignError('bad-secret-key', `not a minisign secret key: ${why}`, line);
  const lines = linesOf(text);
  if (lines === undefined) throw bad('it holds a NUL byte');
  if (!lines[0]?.startsWith(UNTRUSTED)) throw bad('the first line is not an untrusted comment', 1);
  if (lines.length < 2) throw bad('the key line after the untrusted comment is missing (is the file cut short?)', 2);
  if (lines.length > 2) throw bad('there is more after the key line', 3);
  const bytes = decodeBase64Strict(lines[1] ?? '');
  if (bytes === undefined) throw bad('the key line is not base64 (is it cut short, or wrapped?)', 2);
  if (bytes.length === PUBLIC_KEY_LENGTH) throw bad('this is a public key; give the secret key file (minisign.key)', 2);
  if (bytes.length >= 2 && !bytes.subarray(0, 2).equals(SIGNATURE_ALGORITHM)) throw bad('unknown signature algorithm', 2);
  const kdf = bytes.subarray(2, 4);
  if (kdf.toString('latin1') === KDF_SCRYPT) {
    throw new MinisignError(
      'encrypted-secret-key',
      'this minisign secret key is encrypted with a password, which subproc does not ask for',
      2,
    );
  }
  if (bytes.length !== LENGTH)
    throw bad(`the key line holds ${bytes.length} bytes where a secret key holds ${LENGTH} (is it cut short?)`, 2);
  if (!kdf.equals(KDF_NONE)) throw bad('unknown key derivation function', 2);
  if (!bytes.subarray(4, 6).equals(CHECKSUM_ALGORITHM)) throw bad('unknown checksum algorithm', 2);
  const keynum = bytes.subarray(KEYNUM_AT, SECRET_AT);
  const secret = bytes.subarray(SECRET_AT, CHECKSUM_AT);
  const checksum = bytes.subarray(CHECKSUM_AT, LENGTH);
  // minisign 0.11 writes zeros in place of the checksum of a key made with -W, and checks it only when it decrypts;
  // any other value must be the true checksum. The public half is checked below either way.
  if (!checksum.equals(Buffer.alloc(32)) && !checksum.equals(checksumOf(keynum, secret))) {
    throw bad('its checksum does not match: the key is damaged', 2);
  }
  const key: SecretKey = { keyId: Buffer.from(keynum), seed: Buffer.from(secret.subarray(0, 32)) };
  if (!publicKeyOf(key).key.equals(secret.subarray(32, 64)))
    throw bad('its public half does not belong to its secret half: the key is damaged', 2);
  return key;
}

/** The secret key in minisign's file format, unencrypted (as `minisign -G -W` writes it), with a true checksum. */
export function formatMinisignSecretKey(key: SecretKey): string {
  const secret = Buffer.concat([key.seed, publicKeyOf(key).key]);
  const header = Buffer.concat([SIGNATURE_ALGORITHM, KDF_NONE, CHECKSUM_ALGORITHM, Buffer.alloc(32 + 8 + 8)]);
  const body = Buffer.concat([header, key.keyId, secret, checksumOf(key.keyId, secret)]);
  return `${UNTRUSTED}minisign unencrypted secret key ${keyIdHex(key.keyId)}\n${body.toString('base64')}\n`;
}

/** A signing key in either form subproc reads: its own one line (SUBPROC-ED25519-…), or minisign's unencrypted file. */
export function parseSigningKey(text: string): SecretKey {
  // What pasting into a secret store or an editor adds: a byte-order mark, blank lines around, spaces at line ends.
  // None of it can be part of a key (base64 and the comment line carry no meaning in trailing blanks).
  const pasted = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  if (pasted.startsWith(SECRET_PREFIX)) return parseSecretKey(pasted);
  if (pasted.startsWith(UNTRUSTED)) return parseMinisignSecretKey(`${pasted}\n`);
  throw new MinisignError('bad-secret-key', 'not a subproc signing key, nor a minisign secret key file');
}
