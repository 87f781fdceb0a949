import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blake2b } from '../../scripts/release/blake2b.js';
import { formatMinisignSecretKey, parseMinisignSecretKey, parseSigningKey } from '../../scripts/release/minisign-secret-key.js';
import { formatSecretKey, generateKeyPair, keyIdHex, MinisignError, parsePublicKey } from '../../scripts/release/minisign.js';
import { gitRepo } from '../helpers/git-repo.js';
import { tempDir } from '../helpers/temp-registry.js';
import { EXPIRES_AT, minisign, NOW, RELEASED_AT, shippedRegistryTree, subproc } from './fixtures.js';

/*
 * subproc and the minisign program share keys both ways: a key from `minisign -G -W` signs with `subproc sign`, one
 * from `subproc keygen --format minisign` signs with `minisign -S`; an encrypted key is refused with the command that
 * removes its password, and that command is run here to show that it works.
 */

const outside = tempDir('subproc-minisign-keys-');
const repo = gitRepo(shippedRegistryTree());
afterAll(() => {
  repo.cleanup();
  outside.cleanup();
});
const out = (name: string) => join(outside.dir, name);
const release = join(repo.dir, 'dist', 'subprocessors.json');
const pinned = join(repo.dir, 'keys', 'minisign.pub');
let sha256 = '';

beforeAll(() => {
  const built = subproc(['build', '--released-at', RELEASED_AT], repo.dir);
  expect(built.code, built.stderr).toBe(0);
  sha256 = spawnSync('sha256sum', [release], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
  const generated = minisign(['-G', '-W', '-p', out('plain.pub'), '-s', out('plain.key')], outside.dir);
  expect(generated.code, generated.stderr).toBe(0);
  // minisign reads the password from standard input when it is not a terminal.
  const encrypted = spawnSync('minisign', ['-G', '-p', out('locked.pub'), '-s', out('locked.key')], {
    cwd: outside.dir,
    encoding: 'utf8',
    input: 'a password\na password\n',
    timeout: 60_000,
  });
  expect(encrypted.status, encrypted.stderr).toBe(0);
});

/** The key line of a minisign secret key file, decoded. */
const keyBytes = (file: string) => Buffer.from(readFileSync(file, 'utf8').split('\n')[1] ?? '', 'base64');
const keyFileOf = (bytes: Buffer, comment = 'minisign encrypted secret key') =>
  `untrusted comment: ${comment}\n${bytes.toString('base64')}\n`;

function pin(publicKeyFile: string): void {
  mkdirSync(join(repo.dir, 'keys'), { recursive: true });
  copyFileSync(publicKeyFile, pinned);
}

function minisignVerifiesRelease(publicKeyFile: string): void {
  const result = minisign(['-H', '-Vm', release, '-p', publicKeyFile], repo.dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain(`Trusted comment: version:1.0.0\tsha256:${sha256}\texpires:${EXPIRES_AT}`);
}

describe('a key from minisign -G -W, used by subproc sign', () => {
  it('signs, and minisign -Vm verifies with the public key minisign wrote', () => {
    pin(out('plain.pub'));
    const signed = subproc(['sign', '--key-file', out('plain.key')], repo.dir);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toContain(`with key ${keyIdHex(parsePublicKey(readFileSync(out('plain.pub'), 'utf8')).keyId)}`);
    minisignVerifiesRelease(out('plain.pub'));
  });

  it('signs through SUBPROC_SIGNING_KEY too (the whole file as the value)', () => {
    pin(out('plain.pub'));
    const signed = subproc(['sign'], repo.dir, { SUBPROC_SIGNING_KEY: readFileSync(out('plain.key'), 'utf8') });
    expect(signed.code, signed.stderr).toBe(0);
    minisignVerifiesRelease(out('plain.pub'));
  });

  it('reads the zero checksum minisign 0.11 writes for -W keys, and a true one', () => {
    const bytes = keyBytes(out('plain.key'));
    const zero = Buffer.from(bytes);
    zero.fill(0, 126);
    const checked = Buffer.from(bytes);
    blake2b([bytes.subarray(0, 2), bytes.subarray(54, 62), bytes.subarray(62, 126)], 32).copy(checked, 126);
    const expected = keyIdHex(bytes.subarray(54, 62));
    expect(keyIdHex(parseMinisignSecretKey(keyFileOf(zero)).keyId)).toBe(expected);
    expect(keyIdHex(parseMinisignSecretKey(keyFileOf(checked)).keyId)).toBe(expected);
  });
});

describe('a key from subproc keygen --format minisign, used by minisign -S', () => {
  const repoKeys = gitRepo(shippedRegistryTree());
  afterAll(repoKeys.cleanup);

  it('writes a mode-600 key file minisign signs with, and subproc verify accepts the signature', () => {
    const made = subproc(['keygen', '--format', 'minisign', '--secret-file', out('ours.key')], repoKeys.dir);
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(out('ours.key')).mode & 0o777).toBe(0o600);
    const text = readFileSync(out('ours.key'), 'utf8');
    expect(text).toMatch(/^untrusted comment: minisign unencrypted secret key [0-9A-F]{16}\n[A-Za-z0-9+/]{211}=\n$/);
    // Its checksum is the true BLAKE2b-256, which minisign checks when it (re-)encrypts the key.
    const bytes = keyBytes(out('ours.key'));
    expect(bytes.subarray(126)).toEqual(blake2b([bytes.subarray(0, 2), bytes.subarray(54, 62), bytes.subarray(62, 126)], 32));

    const file = out('release.json');
    copyFileSync(release, file);
    const trusted = `version:1.0.0\tsha256:${sha256}\texpires:${EXPIRES_AT}`;
    const signed = minisign(['-S', '-s', out('ours.key'), '-m', file, '-t', trusted], outside.dir);
    expect(signed.code, signed.stdout + signed.stderr).toBe(0);
    const verified = subproc(['verify', file, '--pubkey', join(repoKeys.dir, 'keys', 'minisign.pub'), '--now', NOW], outside.dir);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^verified: .* is release 1\.0\.0/);
  });

  it('minisign -R recreates exactly the public key keygen committed', () => {
    const recreated = minisign(['-R', '-s', out('ours.key'), '-p', out('ours-recreated.pub')], outside.dir);
    expect(recreated.code, recreated.stderr).toBe(0);
    const committed = parsePublicKey(readFileSync(join(repoKeys.dir, 'keys', 'minisign.pub'), 'utf8'));
    const fromMinisign = parsePublicKey(readFileSync(out('ours-recreated.pub'), 'utf8'));
    expect(fromMinisign.keyId).toEqual(committed.keyId);
    expect(fromMinisign.key).toEqual(committed.key);
  });

  it('prints the minisign form once without --secret-file, and still refuses a secret inside the repository', () => {
    rmSync(join(repoKeys.dir, 'keys'), { recursive: true });
    const printed = subproc(['keygen', '--format', 'minisign'], repoKeys.dir);
    expect(printed.code, printed.stderr).toBe(0);
    expect(() => parseMinisignSecretKey(printed.stdout)).not.toThrow();
    const inside = subproc(['keygen', '--force', '--format', 'minisign', '--secret-file', 'minisign.key'], repoKeys.dir);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('the secret key must not be written inside the repository');
  });

  it('refuses a format it does not know: exit 2, nothing written', () => {
    const result = subproc(['keygen', '--format', 'pem', '--secret-file', out('never.key')], repoKeys.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('subproc: keygen: --format pem is not a key format\n  Use one of: subproc, minisign.\n');
    expect(() => statSync(out('never.key'))).toThrow();
  });

  it('round-trips in memory', () => {
    const { secretKey } = generateKeyPair();
    const back = parseMinisignSecretKey(formatMinisignSecretKey(secretKey));
    expect(back.keyId).toEqual(secretKey.keyId);
    expect(back.seed).toEqual(secretKey.seed);
  });
});

describe('keys subproc cannot read: a plain, located refusal that never quotes the key', () => {
  const secretLine = () => readFileSync(out('plain.key'), 'utf8').split('\n')[1] ?? '';

  function refused(name: string, text: string, message: string): void {
    writeFileSync(out(name), text, { mode: 0o600 });
    const result = subproc(['sign', '--key-file', out(name)], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`subproc: sign: ${out(name)}${message}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const line = text.split('\n')[1] ?? '';
    // No run of the key line, whatever its damage, reaches the output (the algorithm prefix "RWQAAEIy" is public).
    for (let i = 8; i + 12 <= line.length; i += 12) expect(result.stderr).not.toContain(line.slice(i, i + 12));
  }

  it('an encrypted key: says so, and how to make an unencrypted copy; the command it gives works', () => {
    refused(
      'locked.key',
      readFileSync(out('locked.key'), 'utf8'),
      ':2: this minisign secret key is encrypted with a password, and subproc never asks for one',
    );
    const result = subproc(['sign', '--key-file', out('locked.key')], repo.dir);
    expect(result.stderr).toContain(`cp ${out('locked.key')} plain.key && chmod 600 plain.key && minisign -C -s plain.key -W`);

    // The hint, followed in a folder of its own, gives a key that signs.
    const copy = tempDir('subproc-unlocked-');
    try {
      copyFileSync(out('locked.key'), join(copy.dir, 'plain.key'));
      const unlocked = spawnSync('minisign', ['-C', '-s', 'plain.key', '-W'], { cwd: copy.dir, encoding: 'utf8', input: 'a password\n' });
      expect(unlocked.status, unlocked.stderr).toBe(0);
      // minisign -C writes a true checksum (not the zeros of -G -W): subproc's BLAKE2b-256 must agree with it to sign.
      expect(keyBytes(join(copy.dir, 'plain.key')).subarray(126).equals(Buffer.alloc(32))).toBe(false);
      pin(out('locked.pub'));
      const signed = subproc(['sign', '--key-file', join(copy.dir, 'plain.key')], repo.dir);
      expect(signed.code, signed.stderr).toBe(0);
      minisignVerifiesRelease(out('locked.pub'));
    } finally {
      copy.cleanup();
    }
  });

  it('an encrypted key in SUBPROC_SIGNING_KEY: the same words, naming the variable', () => {
    const result = subproc(['sign'], repo.dir, { SUBPROC_SIGNING_KEY: readFileSync(out('locked.key'), 'utf8') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('subproc: sign: SUBPROC_SIGNING_KEY:2: this minisign secret key is encrypted with a password');
  });

  it.each([
    [
      'cut short',
      () => `untrusted comment: x\n${secretLine().slice(0, 100)}\n`,
      ':2: not a minisign secret key: the key line holds 75 bytes where a secret key holds 158 (is it cut short?)',
    ],
    [
      'only the comment line',
      () => 'untrusted comment: minisign encrypted secret key\n',
      ':2: not a minisign secret key: the key line after the untrusted comment is missing (is the file cut short?)',
    ],
    [
      'the line not base64',
      () => `untrusted comment: x\n${secretLine().slice(0, 40)} ${secretLine().slice(41)}\n`,
      ':2: not a minisign secret key: the key line is not base64 (is it cut short, or wrapped?)',
    ],
    [
      'the public key given instead',
      () => readFileSync(out('plain.pub'), 'utf8'),
      ':2: not a minisign secret key: this is a public key; give the secret key file (minisign.key)',
    ],
    [
      'a third line',
      () => `${readFileSync(out('plain.key'), 'utf8')}more\n`,
      ':3: not a minisign secret key: there is more after the key line',
    ],
    [
      'a checksum that does not match',
      () => {
        const bytes = keyBytes(out('plain.key'));
        bytes.fill(7, 126);
        return keyFileOf(bytes);
      },
      ':2: not a minisign secret key: its checksum does not match: the key is damaged',
    ],
    [
      'a public half that is not the secret half’s',
      () => {
        const bytes = keyBytes(out('plain.key'));
        bytes[100] = (bytes[100] ?? 0) ^ 1;
        return keyFileOf(bytes);
      },
      ':2: not a minisign secret key: its public half does not belong to its secret half: the key is damaged',
    ],
    [
      'another key derivation function',
      () => {
        const bytes = keyBytes(out('plain.key'));
        bytes.write('Ar', 2, 'latin1');
        return keyFileOf(bytes);
      },
      ':2: not a minisign secret key: unknown key derivation function',
    ],
    ['neither form', () => 'hello\n', ': not a subproc signing key, nor a minisign secret key file'],
  ])('%s', (name, text, message) => {
    refused(`${name.replace(/\W+/g, '-')}.key`, text(), message);
  });

  it('MinisignError carries the line, for the caller to locate', () => {
    try {
      parseMinisignSecretKey('untrusted comment: x\nAAAA\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MinisignError);
      expect((error as MinisignError).line).toBe(2);
    }
  });
});

describe('a key as pasting leaves it: a byte-order mark, blank lines around, spaces at line ends, CRLF', () => {
  const { secretKey } = generateKeyPair();
  const damage = (text: string) => `\uFEFF\r\n${text.replace(/\n/g, '   \r\n')}\n\n`;
  it.each([
    ['minisign format', formatMinisignSecretKey(secretKey)],
    ["subproc's one line", `${formatSecretKey(secretKey)}\n`],
  ])('%s still reads as the same key', (_name, text) => {
    expect(parseSigningKey(damage(text)).keyId.equals(secretKey.keyId)).toBe(true);
    expect(parseSigningKey(damage(text)).seed.equals(secretKey.seed)).toBe(true);
  });
});
