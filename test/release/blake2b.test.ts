import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blake2b } from '../../scripts/release/blake2b.js';

describe('blake2b: the BLAKE2b-256 minisign checksums its secret keys with', () => {
  it('gives RFC 7693 appendix A for "abc" (64 bytes), and the BLAKE2b-256 of "abc"', () => {
    expect(blake2b([Buffer.from('abc')], 64).toString('hex')).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    // The 32-byte digest is its own function, not the 64-byte one cut short (Python's hashlib.blake2b(digest_size=32)).
    expect(blake2b([Buffer.from('abc')], 32).toString('hex')).toBe('bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');
  });

  it.each([0, 1, 2, 127, 128, 129, 255, 256, 257, 1000])('agrees with node:crypto blake2b512 on %i bytes, across block edges', (size) => {
    const data = Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + size) % 256));
    expect(blake2b([data.subarray(0, size >> 1), data.subarray(size >> 1)], 64)).toEqual(createHash('blake2b512').update(data).digest());
  });

  it('refuses a digest length BLAKE2b has not', () => {
    expect(() => blake2b([], 0)).toThrow(RangeError);
    expect(() => blake2b([], 65)).toThrow(RangeError);
  });
});
