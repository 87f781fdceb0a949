import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from './layout.js';
import { FileTooLarge } from './source.js';

/**
 * Reads a file whose size is checked on the open descriptor, before reading: a file over the cap is refused unread,
 * and a file swapped between listing and reading is measured as it is now.
 */
export function readCapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) throw new FileTooLarge(size);
    // One byte of room tells a file that grew since fstat; the loader's own cap check then sees its real length.
    let buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) break;
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

