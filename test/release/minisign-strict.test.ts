import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64Strict, formatPublicKey, generateKeyPair, signData, type SecretKey } from '../../scripts/release/minisign.js';
import { trustedComment } from '../../scripts/release/signing.js';
import { VerifyError, verifyRelease, type VerifyFailure, type VerifyInput } from '../../scripts/release/verify.js';
import { tempDir } from '../helpers/temp-registry.js';
import { minisign, NOW, subproc } from './fixtures.js';
import { signedRelease, type SignedRelease } from './signed-release.js';

/*
 * Issue 12, point 9: verify was laxer than minisign. Base64 is read strictly (junk, blanks, the URL-safe alphabet,
 * extra or non-canonical padding are refused), a signature file is four lines and nothing more, a legacy "Ed"
 * signature needs --allow-legacy, and a trusted comment that does not sign the version, the sha256 and the expiry
 * is refused with its own code, not noted.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A key whose release signature line holds a "+" or "/", so that the URL-safe case has something to change. */
function keyWithPlusOrSlash(): {
  secretKey: SecretKey;
  publicKey: ReturnType<typeof generateKeyPair>['publicKey'];
  release: SignedRelease;
} {
  for (;;) {
    const pair = generateKeyPair();
    const release = signedRelease(pair.secretKey, '1.0.0');
    if (/[+/]/.test(release.signature.split('\n')[1] ?? '')) return { ...pair, release };
  }
}

const { secretKey, publicKey, release } = keyWithPlusOrSlash();
const publicKeyText = formatPublicKey(publicKey);
const now = new Date(NOW);

/** Replaces line `index` (0-based) of a signature or key file. */
const withLine = (text: string, index: number, change: (line: string) => string): string =>
  text
    .split('\n')
    .map((line, at) => (at === index ? change(line) : line))
    .join('\n');

/** The last base64 character before the padding, with a bit set that the encoded bytes do not use. */
function nonCanonical(line: string): string {
  const body = line.replace(/=+$/, '');
  const padding = line.slice(body.length);
  const last = body.at(-1) ?? 'A';
  const changed = ALPHABET[ALPHABET.indexOf(last) | 1] ?? last;
  return `${body.slice(0, -1)}${changed}${padding}`;
}

function outcome(overrides: Partial<VerifyInput>): VerifyFailure | 'ok' {
  try {
    verifyRelease({ file: release.bytes, signature: release.signature, publicKey: publicKeyText, now, ...overrides });
    return 'ok';
  } catch (error) {
    if (error instanceof VerifyError) return error.code;
    throw error;
  }
}

const signedWith = (comment: string) => signData(secretKey, release.bytes, comment, 'test');
const ours = trustedComment(release.doc, release.bytes, 'subprocessors.json');

describe('strict base64 and line structure', () => {
  const cases: [string, Partial<VerifyInput>, VerifyFailure | 'ok'][] = [
    ['the signature as signed', {}, 'ok'],
    ['CRLF line ends, as a Windows checkout makes them', { signature: release.signature.replace(/\n/g, '\r\n') }, 'ok'],
    ['no final newline', { signature: release.signature.trimEnd() }, 'ok'],
    [
      'junk ("!") inside the signature line',
      { signature: withLine(release.signature, 1, (l) => `${l.slice(0, 10)}!${l.slice(10)}`) },
      'bad-signature-format',
    ],
    [
      'a space inside the signature line',
      { signature: withLine(release.signature, 1, (l) => `${l.slice(0, 10)} ${l.slice(10)}`) },
      'bad-signature-format',
    ],
    ['a tab at the end of the signature line', { signature: withLine(release.signature, 1, (l) => `${l}\t`) }, 'bad-signature-format'],
    [
      'the URL-safe alphabet in the signature line',
      { signature: withLine(release.signature, 1, (l) => l.replace(/\+/g, '-').replace(/\//g, '_')) },
      'bad-signature-format',
    ],
    [
      'non-canonical padding bits in the signature line',
      { signature: withLine(release.signature, 1, nonCanonical) },
      'bad-signature-format',
    ],
    [
      'the padding of the signature line removed',
      { signature: withLine(release.signature, 1, (l) => l.replace(/=+$/, '')) },
      'bad-signature-format',
    ],
    [
      'extra padding on the trusted comment signature',
      { signature: withLine(release.signature, 3, (l) => `${l}==`) },
      'bad-signature-format',
    ],
    [
      'junk inside the trusted comment signature',
      { signature: withLine(release.signature, 3, (l) => `${l.slice(0, 5)}*${l.slice(5)}`) },
      'bad-signature-format',
    ],
    [
      'non-canonical bits in the trusted comment signature',
      { signature: withLine(release.signature, 3, nonCanonical) },
      'bad-signature-format',
    ],
    ['a fifth line after the signature', { signature: `${release.signature}untrusted junk\n` }, 'bad-signature-format'],
    [
      'junk ("!") inside the public key line',
      { publicKey: withLine(publicKeyText, 1, (l) => `${l.slice(0, 8)}!${l.slice(8)}`) },
      'bad-public-key',
    ],
    [
      'a space inside the public key line',
      { publicKey: withLine(publicKeyText, 1, (l) => `${l.slice(0, 8)} ${l.slice(8)}`) },
      'bad-public-key',
    ],
    ['padding after the public key line', { publicKey: withLine(publicKeyText, 1, (l) => `${l}==`) }, 'bad-public-key'],
    ['a third line in the public key file', { publicKey: `${publicKeyText}RWQ0\n` }, 'bad-public-key'],
    // Found by the differential fuzz against the minisign program (which refuses both).
    ['a blank at the end of the public key line', { publicKey: withLine(publicKeyText, 1, (l) => `${l} `) }, 'bad-public-key'],
    ['a NUL byte in the untrusted comment', { signature: withLine(release.signature, 0, (l) => `${l}\u0000`) }, 'bad-signature-format'],
    ['empty lines after the signature', { signature: `${release.signature}\n\n` }, 'ok'],
    ['the public key line alone (as minisign -P takes it)', { publicKey: publicKeyText.split('\n')[1] ?? '' }, 'ok'],
  ];

  it.each(cases)('%s: %s', (_name, overrides, expected) => {
    expect(outcome(overrides)).toBe(expected);
  });

  it.each([
    ['', Buffer.alloc(0)],
    ['AA==', Buffer.from([0])],
    ['AAA=', Buffer.from([0, 0])],
    ['AAAA', Buffer.from([0, 0, 0])],
    ['AB==', undefined],
    ['AAB=', undefined],
    ['A===', undefined],
    ['AA=A', undefined],
    ['AA', undefined],
    ['AA AA', undefined],
    ['-_AA', undefined],
  ])('decodeBase64Strict(%j)', (text, expected) => {
    expect(decodeBase64Strict(text)).toEqual(expected);
  });
});

describe('the trusted comment of a release must sign its version, sha256 and expiry', () => {
  const cases: [string, string, VerifyFailure | 'ok'][] = [
    ['ours', ours, 'ok'],
    ["minisign's default comment", 'timestamp:1795478257\tfile:subprocessors.json\thashed', 'incomplete-trusted-comment'],
    ['no version', ours.replace(/version:[^\t]*\t/, ''), 'incomplete-trusted-comment'],
    ['no sha256', ours.replace(/sha256:[^\t]*\t/, ''), 'incomplete-trusted-comment'],
    ['no expiry', ours.replace(/expires:[^\t]*\t/, ''), 'incomplete-trusted-comment'],
    ['an empty comment', '', 'incomplete-trusted-comment'],
    ['the version twice, the second another', `${ours}\tversion:9.9.9`, 'incomplete-trusted-comment'],
    ['another sha256', ours.replace(release.sha256, '0'.repeat(64)), 'comment-mismatch'],
  ];

  it.each(cases)('%s: %s', (_name, comment, expected) => {
    expect(outcome({ signature: signedWith(comment) })).toBe(expected);
  });

  it('names what is missing, and quotes the comment with its control characters escaped', () => {
    expect(() =>
      verifyRelease({ file: release.bytes, signature: signedWith('timestamp:1\tfile:x\u202e'), publicKey: publicKeyText, now }),
    ).toThrow(/does not sign the sha256, version, expires of the release \(it says "timestamp:1\\u\{9\}file:x\\u\{202e\}"\)/);
  });
});

describe('a legacy ("Ed") signature, made by the minisign program with -l', () => {
  const keys = tempDir('subproc-legacy-');
  afterAll(keys.cleanup);
  const file = join(keys.dir, 'subprocessors.json');

  beforeAll(() => {
    const generated = minisign(['-G', '-W', '-p', join(keys.dir, 'minisign.pub'), '-s', join(keys.dir, 'minisign.key')], keys.dir);
    expect(generated.code, generated.stderr).toBe(0);
    writeFileSync(file, release.bytes);
    const signed = minisign(['-S', '-l', '-s', join(keys.dir, 'minisign.key'), '-m', file, '-t', ours], keys.dir);
    expect(signed.code, signed.stderr).toBe(0);
    copyFileSync(`${file}.minisig`, join(keys.dir, 'legacy.minisig'));
  });

  it('is refused without --allow-legacy: exit 1, its own code', () => {
    const result = subproc(['verify', file, '--pubkey', 'minisign.pub', '--now', NOW], keys.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^subproc: verify: REFUSED \(legacy-signature\): the signature is a legacy one \("Ed"/);
    expect(result.stderr).toContain('--allow-legacy');
  });

  it('is accepted with --allow-legacy, and says so', () => {
    const result = subproc(['verify', file, '--pubkey', 'minisign.pub', '--now', NOW, '--allow-legacy'], keys.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('note: accepted a legacy signature ("Ed"), as --allow-legacy asked\n');
    expect(result.stdout).toMatch(/^verified: .* is release 1\.0\.0/);
  });

  it('--allow-legacy changes nothing for a prehashed signature', () => {
    const prehashed = minisign(['-S', '-s', join(keys.dir, 'minisign.key'), '-m', file, '-t', ours], keys.dir);
    expect(prehashed.code, prehashed.stderr).toBe(0);
    const result = subproc(['verify', file, '--pubkey', 'minisign.pub', '--now', NOW, '--allow-legacy'], keys.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
