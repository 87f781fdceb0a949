import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from '../helpers/git-repo.js';
import { tempDir } from '../helpers/temp-registry.js';
import { EXPIRES_AT, minisign, NOW, RELEASED_AT, shippedRegistryTree, subproc } from './fixtures.js';

const repo = gitRepo(shippedRegistryTree());
const outside = tempDir('subproc-keys-');
afterAll(() => {
  repo.cleanup();
  outside.cleanup();
});

const release = join(repo.dir, 'dist', 'subprocessors.json');
const secretFile = join(outside.dir, 'subproc.key');
let sha256 = '';

beforeAll(() => {
  const built = subproc(['build', '--released-at', RELEASED_AT], repo.dir);
  expect(built.code, built.stderr).toBe(0);
  sha256 = createHash('sha256').update(readFileSync(release)).digest('hex');
  const keygen = subproc(['keygen', '--secret-file', secretFile], repo.dir);
  expect(keygen.code, keygen.stderr).toBe(0);
});

/** minisign's verdict on dist/subprocessors.json with the committed public key. */
function minisignVerifies(): void {
  const result = minisign(['-H', '-Vm', release, '-p', join(repo.dir, 'keys', 'minisign.pub')], repo.dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain('Signature and comment signature verified');
  expect(result.stdout).toContain(`Trusted comment: version:1.0.0\tsha256:${sha256}\texpires:${EXPIRES_AT}`);
}

describe('our signatures, checked by the minisign program', () => {
  it('subproc sign --key-file: accepted by minisign -H -Vm', () => {
    const signed = subproc(['sign', '--key-file', relative(repo.dir, secretFile)], repo.dir);
    expect(signed.code, signed.stderr).toBe(0);
    minisignVerifies();
  });

  it('subproc sign with SUBPROC_SIGNING_KEY: accepted by minisign -H -Vm', () => {
    const signed = subproc(['sign'], repo.dir, { SUBPROC_SIGNING_KEY: readFileSync(secretFile, 'utf8').trim() });
    expect(signed.code, signed.stderr).toBe(0);
    minisignVerifies();
  });

  // BUG (reported): sign joins --key-file to the working folder (join, not resolve), so an absolute path, the only
  // kind keygen allows for a secret outside the repository, becomes <cwd>/<path>: "the key file … does not exist".
  it('subproc sign --key-file with an absolute path', () => {
    const signed = subproc(['sign', '--key-file', secretFile], repo.dir);
    expect(signed.code, signed.stderr).toBe(0);
  });
});

describe('minisign signatures, checked by subproc verify', () => {
  const keys = tempDir('subproc-minisign-');
  afterAll(keys.cleanup);
  const pub = join(keys.dir, 'minisign.pub');

  beforeAll(() => {
    const generated = minisign(['-G', '-W', '-p', pub, '-s', join(keys.dir, 'minisign.key')], keys.dir);
    expect(generated.code, generated.stderr).toBe(0);
  });

  const ours = () => `version:1.0.0\tsha256:${sha256}\texpires:${EXPIRES_AT}`;
  const cases: [string, string[], () => string | undefined, number, string[]][] = [
    ['our trusted comment fields', ['-S'], ours, 0, []],
    // A signature of ours must sign the version, the sha256 and the expiry (issue 12, point 9): refused, not noted.
    [
      "minisign's default trusted comment (refused: it signs no version, sha256 or expiry)",
      ['-S'],
      () => undefined,
      1,
      ['REFUSED (incomplete-trusted-comment): the trusted comment does not sign the sha256, version, expires of the release'],
    ],
    // Legacy signatures need --allow-legacy (test/release/minisign-strict.test.ts accepts one with it).
    [
      'a legacy, not prehashed signature (-l) with our fields (refused without --allow-legacy)',
      ['-S', '-l'],
      ours,
      1,
      ['REFUSED (legacy-signature)'],
    ],
    [
      'our fields naming another version',
      ['-S'],
      () => ours().replace('version:1.0.0', 'version:9.0.0'),
      1,
      ['REFUSED (comment-mismatch): the signed version is 9.0.0, the file says 1.0.0'],
    ],
  ];

  it.each(cases)('%s', (name, flags, comment, code, stderr) => {
    const file = join(keys.dir, `${name.replace(/\W+/g, '-')}.json`);
    copyFileSync(release, file);
    const trusted = comment();
    const signed = minisign([...flags, '-s', join(keys.dir, 'minisign.key'), '-m', file, ...(trusted ? ['-t', trusted] : [])], keys.dir);
    expect(signed.code, signed.stderr).toBe(0);

    const verified = subproc(['verify', file, '--pubkey', pub, '--now', NOW], keys.dir);
    expect(verified.code, verified.stderr).toBe(code);
    if (code === 0) expect(verified.stdout).toMatch(/^verified: .* is release 1\.0\.0, signed with key [0-9A-F]{16}, valid until /);
    if (stderr.length === 0) expect(verified.stderr).toBe('');
    for (const line of stderr) expect(verified.stderr).toContain(line);
  });
});
