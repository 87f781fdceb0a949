import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatPublicKey,
  formatSecretKey,
  generateKeyPair,
  keyIdHex,
  parsePublicKey,
  parseSecretKey,
  publicKeyOf,
  signData,
} from '../../scripts/release/minisign.js';
import { runBuild } from '../../scripts/pipeline/release.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { gitRepo } from '../helpers/git-repo.js';
import { tempDir } from '../helpers/temp-registry.js';
import { minisign, RELEASED_AT, shippedRegistryTree, subproc } from './fixtures.js';

const repo = gitRepo(shippedRegistryTree());
const outside = tempDir('subproc-secrets-');
afterAll(() => {
  repo.cleanup();
  outside.cleanup();
});
const at = (...parts: string[]) => join(repo.dir, ...parts);
const publicKeyText = () => readFileSync(at('keys', 'minisign.pub'), 'utf8');

beforeAll(async () => {
  // A release folder for `sign`, built in-process: these tests are about keys, not about the build.
  const built = await runBuild({
    cwd: repo.dir,
    dir: 'registry',
    out: 'dist',
    today: '2026-11-23',
    releasedAt: new Date(RELEASED_AT),
    reissue: false,
    setup: shippedSetup(),
  });
  expect(built.kind).toBe('built');
});

describe('subproc keygen', () => {
  let printed = '';

  it('writes keys/minisign.pub in minisign format and prints the secret once, alone on stdout', () => {
    const result = subproc(['keygen'], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^SUBPROC-ED25519-[A-Za-z0-9+/]{56}\n$/);
    printed = result.stdout.trim();
    expect(result.stderr).not.toContain(printed.slice('SUBPROC-ED25519-'.length));

    const secret = parseSecretKey(printed);
    const pub = publicKeyText();
    expect(pub).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16}\nRW[A-Za-z0-9+/]{54}\n$/);
    expect(pub).toBe(formatPublicKey(publicKeyOf(secret)));
    expect(pub).toContain(`minisign public key ${keyIdHex(secret.keyId)}\n`);
    expect(parsePublicKey(pub).keyId.equals(secret.keyId)).toBe(true);
    expect(result.stderr).toContain(`key id ${keyIdHex(secret.keyId)}`);
  });

  it('the printed secret and the written public key are a pair the minisign program accepts', () => {
    const file = join(outside.dir, 'pair.txt');
    writeFileSync(file, 'a file signed with the printed secret\n');
    writeFileSync(`${file}.minisig`, signData(parseSecretKey(printed), readFileSync(file), 'test:pair', 'test'));
    const result = minisign(['-H', '-Vm', file, '-p', at('keys', 'minisign.pub')], outside.dir);
    expect(result.code, result.stderr).toBe(0);
  });

  it('refuses to overwrite keys/minisign.pub without --force: exit 2, key unchanged', () => {
    const before = publicKeyText();
    const result = subproc(['keygen'], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('keys/minisign.pub already exists');
    expect(result.stderr).toContain('--force');
    expect(publicKeyText()).toBe(before);
  });

  it('replaces it with --force', () => {
    const before = publicKeyText();
    const result = subproc(['keygen', '--force', '--secret-file', join(outside.dir, 'forced.key')], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(publicKeyText()).not.toBe(before);
  });

  it('writes --secret-file outside the repository with mode 600, nothing on stdout', () => {
    const file = join(outside.dir, 'new.key');
    const result = subproc(['keygen', '--out', 'keys-2', '--secret-file', file], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^SUBPROC-ED25519-[A-Za-z0-9+/]{56}\n$/);
    expect(result.stderr).not.toContain(text.trim().slice('SUBPROC-ED25519-'.length));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(at('keys-2', 'minisign.pub'), 'utf8')).toBe(formatPublicKey(publicKeyOf(parseSecretKey(text))));
  });

  it.each([
    ['a relative path at the top', () => 'secret.key'],
    ['a relative path in a subfolder', () => 'keys/secret.key'],
    ['an absolute path inside', () => at('registry', 'secret.key')],
    ['a path that climbs out and back in', () => `../${relative(join(repo.dir, '..'), at('secret.key'))}`],
  ])('refuses a --secret-file inside the repository (%s): exit 2, nothing written', (_name, path) => {
    const before = publicKeyText();
    const result = subproc(['keygen', '--force', '--secret-file', path()], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the secret key must not be written inside the repository');
    expect(publicKeyText()).toBe(before);
    expect(
      repo
        .git('status', '--porcelain', '--untracked-files=all')
        .split('\n')
        .filter((l) => l.includes('secret')),
    ).toEqual([]);
  });

  // BUG (reported): insideRepository() treats any relative path starting with ".." as outside, so a file named
  // "..secret.key" at the top of the repository is accepted and written there, where `git add -A` commits it.
  it('refuses a --secret-file named ..secret.key at the top of the repository', () => {
    const result = subproc(['keygen', '--out', 'keys-dots', '--secret-file', '..secret.key'], repo.dir);
    expect(existsSync(at('..secret.key'))).toBe(false);
    expect(result.code).toBe(2);
  });

  // BUG (reported): the path is compared lexically; a symbolic link outside that points into the repository passes.
  it('refuses a --secret-file reached through a symbolic link into the repository', () => {
    const link = join(outside.dir, 'repo-link');
    symlinkSync(repo.dir, link);
    const result = subproc(['keygen', '--out', 'keys-link', '--secret-file', join(link, 'linked.key')], repo.dir);
    expect(existsSync(at('linked.key'))).toBe(false);
    expect(result.code).toBe(2);
  });

  // BUG (reported): writeFile's mode applies only when it creates the file; an existing --secret-file keeps its
  // permissions (here 644) while keygen says "(mode 600)". Replacing an existing secret now needs --force (issue
  // 12, point 10: test/release/keygen-secrets.test.ts), so this case passes it.
  it('an existing --secret-file ends up with mode 600, as keygen says', () => {
    const file = join(outside.dir, 'existing.key');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const result = subproc(['keygen', '--force', '--out', 'keys-existing', '--secret-file', file], repo.dir);
    expect(result.stderr).toContain('(mode 600)');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('subproc sign and the secret key', () => {
  const pair = generateKeyPair();
  const secret = formatSecretKey(pair.secretKey);
  const body = secret.slice('SUBPROC-ED25519-'.length);
  const keyFile = join(outside.dir, 'sign.key');
  writeFileSync(keyFile, `${secret}\n`);
  // sign refuses a key other than the committed one: keys/ must hold this pair's public key once keygen's tests ran.
  beforeAll(() => {
    mkdirSync(join(repo.dir, 'keys'), { recursive: true });
    writeFileSync(join(repo.dir, 'keys', 'minisign.pub'), formatPublicKey(pair.publicKey));
  });

  it.each([
    ['SUBPROC_SIGNING_KEY', [] as string[], { SUBPROC_SIGNING_KEY: secret }],
    ['--key-file', ['--key-file', relative(repo.dir, keyFile)], {}],
  ])('signing with %s never prints the secret key', (_name, args, env) => {
    const result = subproc(['sign', ...args], repo.dir, env);
    expect(result.code, result.stderr).toBe(0);
    const output = result.stdout + result.stderr;
    for (const part of [
      secret,
      body,
      body.slice(0, 24),
      body.slice(-24),
      pair.secretKey.seed.toString('hex'),
      pair.secretKey.seed.toString('base64'),
    ])
      expect(output).not.toContain(part);
    expect(result.stdout).toContain(`with key ${keyIdHex(pair.secretKey.keyId)}`);
  });

  it.each([
    ['no variable, no --key-file', {}],
    ['an empty SUBPROC_SIGNING_KEY', { SUBPROC_SIGNING_KEY: '' }],
  ])('without any key (%s): exit 2 with a hint', (_name, env) => {
    const result = subproc(['sign'], repo.dir, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no signing key: set SUBPROC_SIGNING_KEY or pass --key-file FILE');
    expect(result.stderr).toContain('subproc keygen');
  });

  const truncated = secret.slice(0, -8);
  const otherAlgorithm = `SUBPROC-ED25519-${Buffer.concat([Buffer.from('Xy'), pair.secretKey.keyId, pair.secretKey.seed]).toString('base64')}`;
  it.each([
    ['free text', 'correct horse battery staple 7f3a9c1e', 'SUBPROC_SIGNING_KEY: not a subproc signing key'],
    ['the right prefix, too short', truncated, 'SUBPROC_SIGNING_KEY: not a subproc signing key'],
    ['the right prefix, another algorithm', otherAlgorithm, 'SUBPROC_SIGNING_KEY: not a subproc signing key'],
    ['no prefix', body, 'SUBPROC_SIGNING_KEY: not a subproc signing key'],
    ['the public key instead', formatPublicKey(pair.publicKey), 'SUBPROC_SIGNING_KEY:2: not a minisign secret key: this is a public key'],
    [
      // Not canonical base64 (test/release/minisign-secret-key.test.ts has real minisign keys, encrypted or not).
      'a damaged minisign secret key file',
      'untrusted comment: minisign encrypted secret key\nRWRTY0IyqT8bZ1u1wbdTgkKnE9sTM3EgBzPZJM0ZUd2h0V2V3eGx4cmNjZWRiYWJl\n',
      'SUBPROC_SIGNING_KEY:2: not a minisign secret key: the key line is not base64',
    ],
  ])('a malformed SUBPROC_SIGNING_KEY (%s): exit 2, the value not echoed', (_name, value, message) => {
    const result = subproc(['sign'], repo.dir, { SUBPROC_SIGNING_KEY: value });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    const distinctive = value.replace('SUBPROC-ED25519-', '').trim();
    for (const line of distinctive.split('\n')) expect(result.stderr).not.toContain(line.slice(0, 16));
  });

  it('a malformed --key-file: exit 2, the content not echoed', () => {
    const file = join(outside.dir, 'bad.key');
    writeFileSync(file, `${truncated}\n`);
    const result = subproc(['sign', '--key-file', relative(repo.dir, file)], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a subproc signing key');
    expect(result.stderr).not.toContain(truncated.slice(16, 40));
  });

  it('a missing --key-file: exit 2', () => {
    const result = subproc(['sign', '--key-file', 'no-such.key'], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the key file no-such.key does not exist');
  });
});
