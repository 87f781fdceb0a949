import { readFile } from 'node:fs/promises';
import { generateKeyPair, MinisignError, parseSecretKey, publicKeyOf, type PublicKey, type SecretKey } from './minisign.js';

export const SIGNING_KEY_ENV = 'SUBPROC_SIGNING_KEY';

export type KeySource =
  { kind: 'env' | 'file'; secret: SecretKey; publicKey: PublicKey } | { kind: 'ephemeral'; secret: SecretKey; publicKey: PublicKey };

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

export { MinisignError };
