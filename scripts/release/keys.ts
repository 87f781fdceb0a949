import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, keyIdHex, parsePublicKey, parseSecretKey, publicKeyOf, type PublicKey, type SecretKey } from './minisign.js';

/** The public key consumers pin, committed in the repository. */
export const PINNED_KEY = join('keys', 'minisign.pub');

export const SIGNING_KEY_ENV = 'SUBPROC_SIGNING_KEY';

export interface KeySource {
  readonly kind: 'env' | 'file' | 'ephemeral';
  readonly secret: SecretKey;
  readonly publicKey: PublicKey;
}

/** The signing key: --key-file, else the environment variable, else (only when allowed) a one-time key. */
export async function loadSigningKey(
  env: NodeJS.ProcessEnv,
  keyFile: string | undefined,
  allowEphemeral: boolean,
): Promise<KeySource | undefined> {
  if (keyFile !== undefined) {
    const secret = parseSecretKey(await readFile(keyFile, 'utf8'));
    return { kind: 'file', secret, publicKey: publicKeyOf(secret) };
  }
  const fromEnv = env[SIGNING_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const secret = parseSecretKey(fromEnv);
    return { kind: 'env', secret, publicKey: publicKeyOf(secret) };
  }
  if (!allowEphemeral) return undefined;
  const pair = generateKeyPair();
  return { kind: 'ephemeral', secret: pair.secretKey, publicKey: pair.publicKey };
}

/**
 * Whether a signing key may sign this repository's releases: it must be the key of the committed public key,
 * or consumers would reject the release. Returns the reason to refuse, if any.
 */
export async function pinnedKeyProblem(cwd: string, key: KeySource): Promise<string | undefined> {
  const pinnedText = await readFile(join(cwd, PINNED_KEY), 'utf8').catch(() => undefined);
  if (pinnedText === undefined) return undefined;
  let pinned: PublicKey;
  try {
    pinned = parsePublicKey(pinnedText);
  } catch {
    return `${PINNED_KEY} is not a minisign public key`;
  }
  if (key.kind === 'ephemeral') {
    return `${PINNED_KEY} is committed, but no signing key is configured (${SIGNING_KEY_ENV} or --key-file): a one-time key would make a release its consumers reject`;
  }
  if (!pinned.key.equals(key.publicKey.key) || !pinned.keyId.equals(key.publicKey.keyId)) {
    return `the signing key ${keyIdHex(key.publicKey.keyId)} is not the key of ${PINNED_KEY} (${keyIdHex(pinned.keyId)}): consumers would reject the release`;
  }
  return undefined;
}
