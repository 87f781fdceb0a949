/*
 * BLAKE2b (RFC 7693) with any digest length from 1 to 64 bytes, unkeyed. minisign's secret key checksum is
 * BLAKE2b-256, and node:crypto offers only the 64-byte digest ('blake2b512'): the output length is part of BLAKE2b's
 * parameter block, so BLAKE2b-256 is a different function from BLAKE2b-512 cut short. The inputs here are a hundred
 * bytes, so BigInt arithmetic is plenty fast and keeps the code a transcription of the RFC; test/release/blake2b.test.ts
 * checks it against node:crypto (64 bytes), the RFC's vector and minisign's own checksums.
 */

const MASK = (1n << 64n) - 1n;

const IV: readonly bigint[] = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];

const SIGMA: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

const BLOCK = 128;

function rotr(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & MASK;
}

function compress(h: bigint[], block: Buffer, counter: bigint, last: boolean): void {
  const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(i * 8));
  const v = [...h, ...IV];
  v[12] = (v[12] ?? 0n) ^ (counter & MASK);
  v[13] = (v[13] ?? 0n) ^ (counter >> 64n);
  if (last) v[14] = (v[14] ?? 0n) ^ MASK;
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint): void => {
    let va = v[a] ?? 0n;
    let vb = v[b] ?? 0n;
    let vc = v[c] ?? 0n;
    let vd = v[d] ?? 0n;
    va = (va + vb + x) & MASK;
    vd = rotr(vd ^ va, 32n);
    vc = (vc + vd) & MASK;
    vb = rotr(vb ^ vc, 24n);
    va = (va + vb + y) & MASK;
    vd = rotr(vd ^ va, 16n);
    vc = (vc + vd) & MASK;
    vb = rotr(vb ^ vc, 63n);
    v[a] = va;
    v[b] = vb;
    v[c] = vc;
    v[d] = vd;
  };
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10] ?? [];
    const word = (i: number): bigint => m[s[i] ?? 0] ?? 0n;
    g(0, 4, 8, 12, word(0), word(1));
    g(1, 5, 9, 13, word(2), word(3));
    g(2, 6, 10, 14, word(4), word(5));
    g(3, 7, 11, 15, word(6), word(7));
    g(0, 5, 10, 15, word(8), word(9));
    g(1, 6, 11, 12, word(10), word(11));
    g(2, 7, 8, 13, word(12), word(13));
    g(3, 4, 9, 14, word(14), word(15));
  }
  for (let i = 0; i < 8; i++) h[i] = (h[i] ?? 0n) ^ (v[i] ?? 0n) ^ (v[i + 8] ?? 0n);
}

/** The unkeyed BLAKE2b digest of the parts, in order, `length` bytes long (32 for minisign's key checksum). */
export function blake2b(parts: readonly Uint8Array[], length: number): Buffer {
  if (!Number.isInteger(length) || length < 1 || length > 64) throw new RangeError('BLAKE2b digests are 1 to 64 bytes');
  const data = Buffer.concat(parts);
  const h = [...IV];
  // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
  h[0] = (h[0] ?? 0n) ^ 0x01010000n ^ BigInt(length);
  const blocks = Math.max(1, Math.ceil(data.length / BLOCK));
  for (let i = 0; i < blocks; i++) {
    const block = Buffer.alloc(BLOCK);
    data.copy(block, 0, i * BLOCK, Math.min(data.length, (i + 1) * BLOCK));
    const last = i === blocks - 1;
    compress(h, block, BigInt(last ? data.length : (i + 1) * BLOCK), last);
  }
  const out = Buffer.alloc(64);
  h.forEach((word, i) => out.writeBigUInt64LE(word, i * 8));
  return out.subarray(0, length);
}
