// verifySignedFile is the one check of a signed release file that the release pipeline's read-back
// (verifyReleaseFolder) and publish (verifyPublishFolder) share: real keys, real signatures.
import { describe, expect, it } from 'vitest';
import { formatPublicKey, generateKeyPair, signData } from '../../scripts/release/minisign.js';
import { signRelease, trustedComment } from '../../scripts/release/signing.js';
import { verifySignedFile, VerifyError } from '../../scripts/release/verify.js';

const { publicKey, secretKey } = generateKeyPair();
const pub = formatPublicKey(publicKey);
const release = { version: '1.2.0', expiresAt: '2027-03-01T00:00:00Z' };
const page = Buffer.from('<!doctype html><title>list</title>\n');
const other = Buffer.from('<!doctype html><title>another list</title>\n');

function failure(run: () => unknown): VerifyError {
  try {
    run();
  } catch (error) {
    if (error instanceof VerifyError) return error;
    throw error;
  }
  throw new Error('expected a VerifyError');
}

describe('verifySignedFile', () => {
  it('returns the signed sha256, version and expiry of a file signed as subproc signs it', () => {
    const signature = signRelease(secretKey, release, page, 'index.html');
    expect(verifySignedFile({ file: page, signature, publicKey: pub })).toMatchObject({
      version: '1.2.0',
      expires: '2027-03-01T00:00:00Z',
    });
  });

  it('refuses a valid signature whose trusted comment signs another file (comment-mismatch)', () => {
    // Both signatures hold over `page`, but the comment names the sha256 of `other`: a replayed comment.
    const signature = signData(secretKey, page, trustedComment(release, other, 'index.html'), 'untrusted');
    const error = failure(() => verifySignedFile({ file: page, signature, publicKey: pub }));
    expect(error.code).toBe('comment-mismatch');
    expect(error.message).toBe('its trusted comment signs another file');
  });

  it('refuses a changed file (bad-signature) and another key (wrong-key)', () => {
    const signature = signRelease(secretKey, release, page, 'index.html');
    expect(failure(() => verifySignedFile({ file: other, signature, publicKey: pub })).code).toBe('bad-signature');
    const stranger = formatPublicKey(generateKeyPair().publicKey);
    expect(failure(() => verifySignedFile({ file: page, signature, publicKey: stranger })).code).toBe('wrong-key');
  });
});
