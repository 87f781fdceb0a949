import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../scripts/generated/release.js';
import { formatPublicKey, generateKeyPair, keyIdHex, signData, type SecretKey } from '../../scripts/release/minisign.js';
import { signRelease, trustedComment } from '../../scripts/release/signing.js';
import { VerifyError, verifyRelease, type VerifyFailure, type VerifyInput } from '../../scripts/release/verify.js';
import { gitRepo } from '../helpers/git-repo.js';
import { subprocessorYaml } from '../helpers/temp-registry.js';
import { EXPIRES_AT, NOW, RELEASED_AT, shippedRegistryTree, subproc } from './fixtures.js';

const repo = gitRepo(shippedRegistryTree());
afterAll(repo.cleanup);
const at = (...parts: string[]) => join(repo.dir, ...parts);

const trusted = generateKeyPair();
const other = generateKeyPair();
/** The trusted key's id with another key's secret: the id check passes, the signature must not. */
const impostor: SecretKey = { keyId: trusted.secretKey.keyId, seed: other.secretKey.seed };
const trustedPub = formatPublicKey(trusted.publicKey);

interface Built {
  bytes: Buffer;
  doc: Release;
  sha256: string;
}
const releases: Record<'v1' | 'v1b' | 'v2', Built> = {} as Record<'v1' | 'v1b' | 'v2', Built>;

function builtIn(folder: string): Built {
  const bytes = readFileSync(at(folder, 'subprocessors.json'));
  return { bytes, doc: JSON.parse(bytes.toString('utf8')) as Release, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes a file and its signature under cases/, returns the file's path relative to the repository. */
function signedCase(name: string, bytes: Uint8Array, signature: string): string {
  mkdirSync(at('cases'), { recursive: true });
  writeFileSync(at('cases', `${name}.json`), bytes);
  writeFileSync(at('cases', `${name}.json.minisig`), signature);
  return `cases/${name}.json`;
}

const sign = (secret: SecretKey, release: Built) => signRelease(secret, release.doc, release.bytes, 'subprocessors.json');

beforeAll(() => {
  // 1.0.0; the same 1.0.0 built at another time (other bytes); 1.1.0 after a vendor was added.
  for (const [out, releasedAt] of [
    ['rel-1', RELEASED_AT],
    ['rel-1b', '2026-11-24T10:00:00Z'],
  ] as const) {
    const result = subproc(['build', '--out', out, '--released-at', releasedAt], repo.dir);
    expect(result.code, result.stderr).toBe(0);
  }
  repo.commit({ 'registry/subprocessors/acme-analytics.yaml': subprocessorYaml('acme-analytics', 'since: 2026-12-31') }, 'add a vendor');
  const v2 = subproc(['build', '--previous', 'rel-1', '--out', 'rel-2', '--released-at', '2026-11-25T10:00:00Z'], repo.dir);
  expect(v2.code, v2.stderr).toBe(0);
  releases.v1 = builtIn('rel-1');
  releases.v1b = builtIn('rel-1b');
  releases.v2 = builtIn('rel-2');
  expect([releases.v1.doc.version, releases.v1b.doc.version, releases.v2.doc.version]).toEqual(['1.0.0', '1.0.0', '1.1.0']);
  expect(releases.v1.sha256).not.toBe(releases.v1b.sha256);
  writeFileSync(at('trusted.pub'), trustedPub);
});

function verify(file: string, ...args: string[]) {
  return subproc(['verify', file, '--pubkey', 'trusted.pub', ...args], repo.dir);
}

describe('subproc verify refuses, exit 1, each with its own reason', () => {
  const flipped = (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const index = copy.indexOf('Withings');
    copy[index] = (copy[index] ?? 0) ^ 0x20; // "withings": one bit of one byte
    return copy;
  };
  const cases: [string, () => string, string[], VerifyFailure, RegExp][] = [
    [
      'one byte flipped in the file',
      () => signedCase('flipped', flipped(releases.v1.bytes), sign(trusted.secretKey, releases.v1)),
      [],
      'bad-signature',
      /the signature does not match the file/,
    ],
    [
      'signed with another key (another key id)',
      () => signedCase('other-key', releases.v1.bytes, sign(other.secretKey, releases.v1)),
      [],
      'wrong-key',
      new RegExp(`made with key ${keyIdHex(other.secretKey.keyId)}, not the trusted key ${keyIdHex(trusted.publicKey.keyId)}`),
    ],
    [
      "the trusted key id, another key's signature",
      () => signedCase('impostor', releases.v1.bytes, sign(impostor, releases.v1)),
      [],
      'bad-signature',
      /the signature does not match the file/,
    ],
    [
      'the trusted comment edited',
      () =>
        signedCase(
          'comment-edited',
          releases.v1.bytes,
          sign(trusted.secretKey, releases.v1).replace(`expires:${EXPIRES_AT}`, 'expires:2099-01-01T00:00:00Z'),
        ),
      [],
      'bad-trusted-comment',
      /the trusted comment was changed after signing/,
    ],
    [
      'the signature file truncated',
      () => signedCase('truncated', releases.v1.bytes, sign(trusted.secretKey, releases.v1).slice(0, 90)),
      [],
      'bad-signature-format',
      /not a minisign signature/,
    ],
    [
      'the signature file truncated after the trusted comment',
      () => signedCase('no-global', releases.v1.bytes, sign(trusted.secretKey, releases.v1).split('\n').slice(0, 3).join('\n')),
      [],
      'bad-signature-format',
      /not a minisign signature: the trusted comment signature has the wrong length/,
    ],
    [
      'the signature file is garbage',
      () => signedCase('garbage', releases.v1.bytes, 'GIF89a\u0000\u0001garbage\n'),
      [],
      'bad-signature-format',
      /not a minisign signature/,
    ],
    [
      'the trusted comment signs another file',
      () =>
        signedCase(
          'other-sha',
          releases.v1.bytes,
          signData(trusted.secretKey, releases.v1.bytes, trustedComment(releases.v1b.doc, releases.v1b.bytes, 'subprocessors.json'), 'x'),
        ),
      [],
      'comment-mismatch',
      /the signed sha256 is [0-9a-f]{64}, the file says [0-9a-f]{64}/,
    ],
    [
      'an expired release (--now at expiresAt)',
      () => signedCase('expired', releases.v1.bytes, sign(trusted.secretKey, releases.v1)),
      ['--now', EXPIRES_AT],
      'expired',
      new RegExp(`release 1\\.0\\.0 expired at ${EXPIRES_AT}`),
    ],
  ];

  it.each(cases)('%s', (_name, setup, args, code, message) => {
    const file = setup();
    const result = verify(file, '--now', NOW, ...args, '--state', 'state-never.json');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^subproc: verify: REFUSED \\(${code}\\): `));
    expect(result.stderr).toMatch(message);
    expect(existsSync(at('state-never.json'))).toBe(false);
  });
});

describe('subproc verify with --state', () => {
  it('accepts a valid release one second before it expires, and writes the state', () => {
    const file = signedCase('v2', releases.v2.bytes, sign(trusted.secretKey, releases.v2));
    const now = new Date(Date.parse(releases.v2.doc.expiresAt) - 1000).toISOString();
    const result = verify(file, '--now', now, '--state', 'state.json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `verified: ${file} is release 1.1.0, signed with key ${keyIdHex(trusted.publicKey.keyId)}, valid until ${releases.v2.doc.expiresAt}\n`,
    );
    expect(JSON.parse(readFileSync(at('state.json'), 'utf8'))).toEqual({ version: '1.1.0', sha256: releases.v2.sha256, acceptedAt: now });
  });

  it('accepts the same release again', () => {
    const result = verify('cases/v2.json', '--now', NOW, '--state', 'state.json');
    expect(result.code, result.stderr).toBe(0);
  });

  it('refuses an older version replayed after a newer one was accepted (rollback), keeping the state', () => {
    const before = readFileSync(at('state.json'), 'utf8');
    const file = signedCase('v1', releases.v1.bytes, sign(trusted.secretKey, releases.v1));
    const result = verify(file, '--now', NOW, '--state', 'state.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REFUSED \(rollback\): release 1\.0\.0 is older than 1\.1\.0/);
    expect(readFileSync(at('state.json'), 'utf8')).toBe(before);
  });

  it('refuses the same version with other content (a replaced release)', () => {
    expect(verify('cases/v1.json', '--now', NOW, '--state', 'state-1.json').code).toBe(0);
    const file = signedCase('v1b', releases.v1b.bytes, sign(trusted.secretKey, releases.v1b));
    const result = verify(file, '--now', NOW, '--state', 'state-1.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REFUSED \(rollback\): release 1\.0\.0 was accepted before with other content/);
  });

  it('refuses a state file it did not write: exit 2', () => {
    writeFileSync(at('state-bad.json'), '{"version": 3}');
    const result = verify('cases/v2.json', '--now', NOW, '--state', 'state-bad.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not one subproc wrote');
  });
});

describe('verifyRelease', () => {
  const now = new Date(NOW);
  const input = (overrides: Partial<VerifyInput> = {}): VerifyInput => ({
    file: releases.v1.bytes,
    signature: sign(trusted.secretKey, releases.v1),
    publicKey: trustedPub,
    now,
    ...overrides,
  });
  const signedWith = (bytes: Uint8Array, comment: string) => signData(trusted.secretKey, bytes, comment, 'test');
  const outcome = (build: () => VerifyInput): VerifyFailure | 'ok' => {
    try {
      verifyRelease(build());
      return 'ok';
    } catch (error) {
      if (error instanceof VerifyError) return error.code;
      throw error;
    }
  };

  const cases: [string, () => VerifyInput, VerifyFailure | 'ok'][] = [
    ['a valid release', () => input(), 'ok'],
    ['a public key that is not one', () => input({ publicKey: 'untrusted comment: x\nnot base64 at all\n' }), 'bad-public-key'],
    ['a signature that is not one', () => input({ signature: 'hello\n' }), 'bad-signature-format'],
    ['another key', () => input({ signature: sign(other.secretKey, releases.v1) }), 'wrong-key'],
    ['the trusted key id with another key', () => input({ signature: sign(impostor, releases.v1) }), 'bad-signature'],
    ['another file', () => input({ file: releases.v1b.bytes }), 'bad-signature'],
    [
      'an edited trusted comment',
      () => input({ signature: sign(trusted.secretKey, releases.v1).replace('version:1.0.0', 'version:1.0.9') }),
      'bad-trusted-comment',
    ],
    [
      'a signed file that is not JSON',
      () => input({ file: Buffer.from('{nope'), signature: signedWith(Buffer.from('{nope'), 'x:1') }),
      'not-json',
    ],
    [
      'a signed JSON that is no release',
      () => input({ file: Buffer.from('{}'), signature: signedWith(Buffer.from('{}'), 'x:1') }),
      'invalid-document',
    ],
    [
      'a trusted comment with another version',
      () => input({ signature: signedWith(releases.v1.bytes, `version:1.0.1\tsha256:${releases.v1.sha256}\texpires:${EXPIRES_AT}`) }),
      'comment-mismatch',
    ],
    [
      'a trusted comment with another expiry',
      () =>
        input({ signature: signedWith(releases.v1.bytes, `version:1.0.0\tsha256:${releases.v1.sha256}\texpires:2099-01-01T00:00:00Z`) }),
      'comment-mismatch',
    ],
    ['an expired release', () => input({ now: new Date(EXPIRES_AT) }), 'expired'],
    [
      'an older version than the last accepted',
      () => input({ lastAccepted: { version: '1.1.0', sha256: releases.v2.sha256 } }),
      'rollback',
    ],
    [
      'the last accepted version with other content',
      () => input({ lastAccepted: { version: '1.0.0', sha256: releases.v1b.sha256 } }),
      'rollback',
    ],
    ['the last accepted version, same content', () => input({ lastAccepted: { version: '1.0.0', sha256: releases.v1.sha256 } }), 'ok'],
    ['a newer version than the last accepted', () => input({ lastAccepted: { version: '0.9.12', sha256: releases.v2.sha256 } }), 'ok'],
  ];

  it.each(cases)('%s: %s', (_name, build, expected) => {
    expect(outcome(build)).toBe(expected);
  });

  it('returns the document, its hash and the key id; refuses a comment that does not sign the version, sha256 and expiry', () => {
    const verified = verifyRelease(input());
    expect(verified).toMatchObject({ version: '1.0.0', sha256: releases.v1.sha256, keyId: keyIdHex(trusted.publicKey.keyId), notes: [] });
    expect(verified.doc).toEqual(releases.v1.doc);
    // Was a note per missing field; a release of ours must sign all three (issue 12, point 9).
    expect(outcome(() => input({ signature: signedWith(releases.v1.bytes, 'timestamp:1795478257\tfile:subprocessors.json') }))).toBe(
      'incomplete-trusted-comment',
    );
  });

  it('throws VerifyError, an Error', () => {
    expect(() => verifyRelease(input({ now: new Date(EXPIRES_AT) }))).toThrow(VerifyError);
    expect(() => verifyRelease(input({ now: new Date(EXPIRES_AT) }))).toThrow(/expired/);
  });
});
