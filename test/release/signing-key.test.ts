import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSigningKey, type SigningKeyOptions } from '../../scripts/release/keys.js';
import { formatPublicKey, formatSecretKey, generateKeyPair, keyIdHex } from '../../scripts/release/minisign.js';
import { gitRepo } from '../helpers/git-repo.js';
import { tempDir } from '../helpers/temp-registry.js';
import { shippedRegistryTree, subproc } from './fixtures.js';

const pinned = generateKeyPair();
const other = generateKeyPair();
const unpinned = tempDir('subproc-keys-');
const withPin = tempDir('subproc-keys-pinned-');
mkdirSync(join(withPin.dir, 'keys'));
writeFileSync(join(withPin.dir, 'keys', 'minisign.pub'), formatPublicKey(pinned.publicKey));
writeFileSync(join(withPin.dir, 'pinned.key'), `${formatSecretKey(pinned.secretKey)}\n`);
mkdirSync(join(withPin.dir, 'a-folder.key'));
const badPin = tempDir('subproc-keys-bad-pin-');
mkdirSync(join(badPin.dir, 'keys'));
writeFileSync(join(badPin.dir, 'keys', 'minisign.pub'), 'not a key\n');
afterAll(() => {
  unpinned.cleanup();
  withPin.cleanup();
  badPin.cleanup();
});

const load = (options: Partial<SigningKeyOptions> & Pick<SigningKeyOptions, 'cwd'>) =>
  loadSigningKey({ env: {}, allowOneTimeKey: false, ...options });

describe('loadSigningKey: the one place sign and release get their key from', () => {
  it('takes --key-file first, relative to the repository, when it is the pinned key', async () => {
    const result = await load({ cwd: withPin.dir, keyFile: 'pinned.key', env: { SUBPROC_SIGNING_KEY: formatSecretKey(other.secretKey) } });
    expect(result.ok && result.key.kind).toBe('file');
    expect(result.ok && keyIdHex(result.key.publicKey.keyId)).toBe(keyIdHex(pinned.publicKey.keyId));
  });

  it('takes SUBPROC_SIGNING_KEY without --key-file', async () => {
    const result = await load({ cwd: withPin.dir, env: { SUBPROC_SIGNING_KEY: formatSecretKey(pinned.secretKey) } });
    expect(result.ok && result.key.kind).toBe('env');
  });

  it('makes a one-time key only when allowed and no key is pinned', async () => {
    expect(await load({ cwd: unpinned.dir })).toEqual({ ok: false, problem: { kind: 'no-key' } });
    expect(await load({ cwd: unpinned.dir, env: { SUBPROC_SIGNING_KEY: ' ' } })).toEqual({ ok: false, problem: { kind: 'no-key' } });
    const oneTime = await load({ cwd: unpinned.dir, allowOneTimeKey: true });
    expect(oneTime.ok && oneTime.key.kind).toBe('ephemeral');
    expect(await load({ cwd: withPin.dir, allowOneTimeKey: true })).toEqual({
      ok: false,
      problem: { kind: 'one-time-key-but-pinned', pinned: join('keys', 'minisign.pub') },
    });
  });

  it.each([
    ['a missing --key-file', { keyFile: 'no-such.key' }, { kind: 'key-file-missing', file: 'no-such.key' }],
    // Checked on the opened handle before reading (issue 12, point 8): was key-file-unreadable with reason EISDIR.
    [
      'a --key-file that is a folder',
      { keyFile: 'a-folder.key' },
      { kind: 'key-file-not-a-file', file: 'a-folder.key', what: 'directory' },
    ],
    ['a malformed variable', { env: { SUBPROC_SIGNING_KEY: 'SUBPROC-ED25519-short' } }, { kind: 'malformed-key' }],
    [
      'a key other than the pinned one',
      { env: { SUBPROC_SIGNING_KEY: formatSecretKey(other.secretKey) } },
      { kind: 'not-the-pinned-key', keyId: keyIdHex(other.publicKey.keyId), pinnedKeyId: keyIdHex(pinned.publicKey.keyId) },
    ],
  ] as const)('%s is a typed problem, not a throw', async (_name, options, problem) => {
    const result = await load({ cwd: withPin.dir, ...options });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatchObject(problem);
  });

  it('a pinned key file that is not a public key is a problem for any key', async () => {
    const result = await load({ cwd: badPin.dir, env: { SUBPROC_SIGNING_KEY: formatSecretKey(other.secretKey) } });
    expect(result).toEqual({ ok: false, problem: { kind: 'pinned-key-malformed', pinned: join('keys', 'minisign.pub') } });
  });
});

describe('release and sign say the same about the same key problem (exit 2)', () => {
  const repo = gitRepo(shippedRegistryTree());
  afterAll(repo.cleanup);

  it.each(['sign', 'release'])('%s --key-file no-such.key', (command) => {
    const result = subproc([command, '--key-file', 'no-such.key'], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`subproc: ${command}: the key file no-such.key does not exist\n`);
  });

  it.each(['sign', 'release'])('%s with a malformed SUBPROC_SIGNING_KEY', (command) => {
    const result = subproc([command], repo.dir, { SUBPROC_SIGNING_KEY: 'correct horse battery staple' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^subproc: ${command}: .*not a subproc signing key`));
    expect(result.stderr).not.toContain('horse');
  });
});

describe('release --key-file where no keys/minisign.pub is committed', () => {
  const repo = gitRepo(shippedRegistryTree());
  const keyDir = tempDir('subproc-keyfile-');
  afterAll(() => {
    repo.cleanup();
    keyDir.cleanup();
  });

  it('ships the key’s public half beside the release (the page links it) and says to commit it', () => {
    const key = generateKeyPair();
    const keyFile = join(keyDir.dir, 'release.key');
    writeFileSync(keyFile, `${formatSecretKey(key.secretKey)}\n`);
    const run = subproc(['release', '--key-file', keyFile, '--out', 'dist'], repo.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`the public half of key ${keyIdHex(key.publicKey.keyId)} is written to dist/minisign.pub`);
    expect(run.stdout).toContain('-p dist/minisign.pub');
    expect(readFileSync(join(repo.dir, 'dist/minisign.pub'), 'utf8')).toBe(formatPublicKey(key.publicKey));
    expect(readFileSync(join(repo.dir, 'dist/SHA256SUMS'), 'utf8')).toMatch(/ {2}minisign\.pub\n/);
  });
});
