import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written by `npm run build` (scripts/tools/gen-build-id.ts): the digest of the compiled code. */
export const BUILD_ID_FILE = 'build/scripts/build-id.txt';

/**
 * The build's code digest, or '' when there is none (a bundle, or running from the TypeScript sources in tests): the
 * version then stands for the code, as it did before builds were stamped.
 */
export function buildId(root: string): string {
  try {
    return readFileSync(join(root, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    return '';
  }
}
