import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from './layout.js';
import { FileTooLarge } from './source.js';

/**
 * Reads a file whose size is checked on the open descriptor first: a file over the cap is refused unread. The
 * same system calls as readFileSync (open, fstat, read, close), and the bytes of the size fstat gave.
 */
export function readCapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) throw new FileTooLarge(size);
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, buffer, length, size - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
