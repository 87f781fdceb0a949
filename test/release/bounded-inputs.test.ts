import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedReadError, readBounded } from '../../scripts/release/bounded-read.js';
import { formatPublicKey, formatSecretKey, generateKeyPair } from '../../scripts/release/minisign.js';
import { tempDir } from '../helpers/temp-registry.js';
import { NOW, subprocWithin } from './fixtures.js';
import { signedRelease } from './signed-release.js';

/*
 * Issue 12, point 8 (and the sign --key-file DIR of point 13): every file a user names is checked on the opened
 * handle to be a regular file of bounded size before it is read. Each case runs the real command line with a
 * deadline: a hang fails the test instead of blocking it.
 */

const work = tempDir('subproc-inputs-');
afterAll(work.cleanup);
const at = (...parts: string[]) => join(work.dir, ...parts);
const key = generateKeyPair();

beforeAll(() => {
  const release = signedRelease(key.secretKey, '1.0.0');
  writeFileSync(at('subprocessors.json'), release.bytes);
  writeFileSync(at('subprocessors.json.minisig'), release.signature);
  writeFileSync(at('trusted.pub'), formatPublicKey(key.publicKey));
  writeFileSync(at('signing.key'), `${formatSecretKey(key.secretKey)}\n`);
  mkdirSync(at('a-folder'));
  for (const name of ['fifo', 'key-fifo', 'release-fifo']) expect(spawnSync('mkfifo', [at(name)]).status).toBe(0);
  writeFileSync(at('huge.minisig'), `untrusted comment: x\n${'A'.repeat(20_000)}\n`);
});

/** Exit 2 within the deadline, a clear message, no "internal error", nothing on stdout. */
function expectRefusedPromptly(args: string[], message: RegExp, deadline = 10_000): void {
  const started = Date.now();
  const result = subprocWithin(args, work.dir, deadline);
  expect(result.timedOut, `${args.join(' ')} hung`).toBe(false);
  expect(Date.now() - started).toBeLessThan(deadline);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('internal error');
}

const verifyArgs = (...extra: string[]) => ['verify', 'subprocessors.json', '--pubkey', 'trusted.pub', '--now', NOW, ...extra];

describe('verify reads only regular files of bounded size', () => {
  it('the files themselves verify (the cases below change one input each)', () => {
    const result = subprocWithin(verifyArgs(), work.dir);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each([
    [
      '/dev/zero as --sig (it grew to 2.7 GB)',
      ['--sig', '/dev/zero'],
      /cannot read the signature \/dev\/zero: it is a character device, not a regular file/,
    ],
    [
      'a FIFO as --sig (it never returned)',
      ['--sig', 'fifo'],
      /cannot read the signature fifo: it is a FIFO \(named pipe\), not a regular file/,
    ],
    ['a folder as --sig', ['--sig', 'a-folder'], /cannot read the signature a-folder: it is a directory, not a regular file/],
    [
      'a signature file larger than any signature',
      ['--sig', 'huge.minisig'],
      /cannot read the signature huge\.minisig: it is larger than 16 KiB/,
    ],
  ])('%s: exit 2 at once', (_name, extra, message) => {
    expectRefusedPromptly(verifyArgs(...extra), message);
  });

  it.each([
    ['/dev/urandom as --pubkey (it never returned)', '/dev/urandom', /cannot read the public key \/dev\/urandom: it is a character device/],
    ['a FIFO as --pubkey', 'fifo', /cannot read the public key fifo: it is a FIFO/],
    ['a folder as --pubkey', 'a-folder', /cannot read the public key a-folder: it is a directory/],
  ])('%s: exit 2 at once', (_name, pubkey, message) => {
    expectRefusedPromptly(['verify', 'subprocessors.json', '--pubkey', pubkey, '--now', NOW], message);
  });

  it.each([
    ['a FIFO as the release file', 'release-fifo', /cannot read the file release-fifo: it is a FIFO/],
    ['/dev/zero as the release file', '/dev/zero', /cannot read the file \/dev\/zero: it is a character device/],
    ['a folder as the release file', 'a-folder', /cannot read the file a-folder: it is a directory/],
  ])('%s: exit 2 at once', (_name, file, message) => {
    expectRefusedPromptly(['verify', file, '--sig', 'subprocessors.json.minisig', '--pubkey', 'trusted.pub', '--now', NOW], message);
  });
});

describe('sign and release read --key-file only if it is a regular file of bounded size', () => {
  it.each(['sign', 'release'])('%s --key-file FIFO: exit 2 at once, no hang', (command) => {
    expectRefusedPromptly(
      [command, '--key-file', 'key-fifo'],
      new RegExp(`^subproc: ${command}: the key file key-fifo is a FIFO \\(named pipe\\), not a regular file`),
    );
  });

  it.each(['sign', 'release'])('%s --key-file DIR: exit 2 with a clear message, not "internal error"', (command) => {
    expectRefusedPromptly(
      [command, '--key-file', 'a-folder'],
      new RegExp(`^subproc: ${command}: the key file a-folder is a directory, not a regular file`),
    );
  });

  it('sign --key-file /dev/urandom: exit 2 at once', () => {
    expectRefusedPromptly(['sign', '--key-file', '/dev/urandom'], /the key file \/dev\/urandom is a character device, not a regular file/);
  });

  it('a key file larger than any key: exit 2, its content not echoed', () => {
    writeFileSync(at('big.key'), `${formatSecretKey(key.secretKey)}\n${'#'.repeat(10_000)}\n`);
    expectRefusedPromptly(
      ['sign', '--key-file', 'big.key'],
      /the key file big\.key is larger than 4096 bytes: a signing key is a line or two/,
    );
  });
});

describe('readBounded', () => {
  it('reads a regular file whole', async () => {
    writeFileSync(at('small.txt'), 'hello\n');
    expect((await readBounded(at('small.txt'), 100)).toString('utf8')).toBe('hello\n');
    writeFileSync(at('exact.txt'), 'x'.repeat(100));
    expect(await readBounded(at('exact.txt'), 100)).toHaveLength(100);
  });

  it.each([
    ['a missing file', 'no-such-file', { kind: 'missing' }],
    ['a file one byte over the cap', 'over.txt', { kind: 'too-large', limit: 100 }],
    ['a FIFO', 'fifo', { kind: 'not-a-file', what: 'fifo' }],
    ['/dev/zero', '/dev/zero', { kind: 'not-a-file', what: 'character device' }],
    ['a folder', 'a-folder', { kind: 'not-a-file', what: 'directory' }],
  ])('refuses %s with a typed problem', async (_name, path, problem) => {
    writeFileSync(at('over.txt'), 'x'.repeat(101));
    const error = await readBounded(path.startsWith('/') ? path : at(path), 100).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(BoundedReadError);
    expect((error as BoundedReadError).problem).toEqual(problem);
  });
});
