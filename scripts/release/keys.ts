import { join, resolve } from 'node:path';
import { PUBLIC_KEY_FILE } from './artefacts.js';
import { BoundedReadError, READ_LIMITS, readBounded, type NotAFileKind } from './bounded-read.js';
import { SIGNING_KEY_ENV } from './secret-env.js';
import { generateKeyPair, keyIdHex, MinisignError, parsePublicKey, publicKeyOf, type PublicKey, type SecretKey } from './minisign.js';
import { parseSigningKey } from './minisign-secret-key.js';

/** The public key consumers pin, committed in the repository. */
export const PINNED_KEY = join('keys', PUBLIC_KEY_FILE);

export { SIGNING_KEY_ENV } from './secret-env.js';

export interface KeySource {
  readonly kind: 'env' | 'file' | 'ephemeral';
  readonly secret: SecretKey;
  readonly publicKey: PublicKey;
}

/** Why there is no key to sign this repository's releases with; the CLI turns each into words. */
export type KeyProblem =
  /**
   * The key text is not a signing key subproc reads; the message never quotes it. `source` is the --key-file as
   * given or the variable's name, `line` the line of that text the problem is on.
   */
  | { readonly kind: 'malformed-key'; readonly message: string; readonly source: string; readonly line?: number | undefined }
  /** A minisign secret key encrypted with a password: subproc asks for none, so it needs an unencrypted copy. */
  | { readonly kind: 'encrypted-key'; readonly source: string; readonly line?: number | undefined }
  | { readonly kind: 'key-file-missing'; readonly file: string }
  | { readonly kind: 'key-file-unreadable'; readonly file: string; readonly reason: string }
  /** A folder, a FIFO, a device: refused before reading, so that nothing hangs or reads without end. */
  | { readonly kind: 'key-file-not-a-file'; readonly file: string; readonly what: NotAFileKind }
  | { readonly kind: 'key-file-too-large'; readonly file: string; readonly limit: number }
  /** Neither --key-file nor the variable, and no one-time key allowed. */
  | { readonly kind: 'no-key' }
  | { readonly kind: 'pinned-key-malformed'; readonly pinned: string }
  /** A one-time key would sign, but consumers pin the committed key. */
  | { readonly kind: 'one-time-key-but-pinned'; readonly pinned: string }
  | { readonly kind: 'not-the-pinned-key'; readonly pinned: string; readonly keyId: string; readonly pinnedKeyId: string };

export type SigningKeyResult = { readonly ok: true; readonly key: KeySource } | { readonly ok: false; readonly problem: KeyProblem };

export interface SigningKeyOptions {
  /** The repository: keys/minisign.pub is read from here, and a relative --key-file resolved against it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** --key-file as given. */
  readonly keyFile?: string | undefined;
  /** `release` may sign with a one-time key when none is configured; `sign` may not. */
  readonly allowOneTimeKey: boolean;
}

/**
 * The key to sign this repository's releases with: --key-file, else the environment variable, else (only when
 * allowed) a one-time key; and only if it is the key of the committed keys/minisign.pub, when there is one, since
 * consumers would reject any other.
 */
export async function loadSigningKey(options: SigningKeyOptions): Promise<SigningKeyResult> {
  const loaded = await configuredKey(options);
  if (!loaded.ok) return loaded;
  const problem = await pinnedKeyProblem(options.cwd, loaded.key);
  return problem ? { ok: false, problem } : loaded;
}

async function configuredKey(options: SigningKeyOptions): Promise<SigningKeyResult> {
  const { keyFile } = options;
  let text: string | undefined;
  let kind: 'file' | 'env' = 'file';
  if (keyFile !== undefined) {
    try {
      text = (await readBounded(resolve(options.cwd, keyFile), READ_LIMITS.secretKey)).toString('utf8');
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      const { problem } = error;
      switch (problem.kind) {
        case 'missing':
          return { ok: false, problem: { kind: 'key-file-missing', file: keyFile } };
        case 'not-a-file':
          return { ok: false, problem: { kind: 'key-file-not-a-file', file: keyFile, what: problem.what } };
        case 'too-large':
          return { ok: false, problem: { kind: 'key-file-too-large', file: keyFile, limit: problem.limit } };
        case 'unreadable':
          return { ok: false, problem: { kind: 'key-file-unreadable', file: keyFile, reason: problem.code } };
      }
    }
  } else {
    const fromEnv = options.env[SIGNING_KEY_ENV];
    if (fromEnv !== undefined && fromEnv.trim() !== '') {
      text = fromEnv;
      kind = 'env';
    }
  }
  if (text === undefined) {
    if (!options.allowOneTimeKey) return { ok: false, problem: { kind: 'no-key' } };
    const pair = generateKeyPair();
    return { ok: true, key: { kind: 'ephemeral', secret: pair.secretKey, publicKey: pair.publicKey } };
  }
  try {
    const secret = parseSigningKey(text);
    return { ok: true, key: { kind, secret, publicKey: publicKeyOf(secret) } };
  } catch (error) {
    if (!(error instanceof MinisignError)) throw error;
    const source = keyFile ?? SIGNING_KEY_ENV;
    if (error.code === 'encrypted-secret-key') return { ok: false, problem: { kind: 'encrypted-key', source, line: error.line } };
    return { ok: false, problem: { kind: 'malformed-key', message: error.message, source, line: error.line } };
  }
}

/** The committed public key's text, shipped beside each release as minisign.pub; undefined when there is none. */
export async function readPinnedPublicKey(cwd: string): Promise<string | undefined> {
  try {
    return (await readBounded(join(cwd, PINNED_KEY), READ_LIMITS.publicKey)).toString('utf8');
  } catch (error) {
    // Present but not a readable key file (a folder, a FIFO, too large) is thrown: it is not "no key".
    if (error instanceof BoundedReadError && error.problem.kind === 'missing') return undefined;
    throw error;
  }
}

/** Whether a signing key may sign this repository's releases: it must be the key of the committed public key. */
async function pinnedKeyProblem(cwd: string, key: KeySource): Promise<KeyProblem | undefined> {
  const pinnedText = await readPinnedPublicKey(cwd).catch((error: unknown) => {
    if (error instanceof BoundedReadError) return '';
    throw error;
  });
  if (pinnedText === undefined) return undefined;
  let pinned: PublicKey;
  try {
    pinned = parsePublicKey(pinnedText);
  } catch {
    return { kind: 'pinned-key-malformed', pinned: PINNED_KEY };
  }
  if (key.kind === 'ephemeral') return { kind: 'one-time-key-but-pinned', pinned: PINNED_KEY };
  if (!pinned.key.equals(key.publicKey.key) || !pinned.keyId.equals(key.publicKey.keyId)) {
    return { kind: 'not-the-pinned-key', pinned: PINNED_KEY, keyId: keyIdHex(key.publicKey.keyId), pinnedKeyId: keyIdHex(pinned.keyId) };
  }
  return undefined;
}
