import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from './layout.js';
import { FileTooLarge } from './source.js';

/**
 * One buffer a byte over the cap, reused for every read: a file that fills it is over the cap. Asking the size
 * first (fstat) built a Stats object with four Dates per file, a tenth of a cold run's reading time.
 */
let scratch: Buffer | undefined;

/**
 * Reads a file of at most MAX_FILE_BYTES; a larger one is refused after reading one byte past the cap, its size
 * then asked only for the message. The bytes are copied out of the scratch buffer at their exact length.
 */
export function readCapped(path: string): Uint8Array {
  scratch ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < scratch.length) {
      const read = readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_FILE_BYTES) throw new FileTooLarge(fstatSync(fd).size);
    return Buffer.from(scratch.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}
