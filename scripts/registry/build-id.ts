import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written by `npm run build` (scripts/tools/gen-build-id.ts): the digest of the compiled code. */
export const BUILD_ID_FILE = 'build/scripts/build-id.txt';

/**
 * The build's code digest. Without build/ (the GitHub Action runs its committed bundle, action/index.js, from a
 * checkout that has no build/), the digest of the bundle this code runs from: an adopter may pin the action by
 * commit, and two commits of one version must not share cache entries. '' when running from the TypeScript sources
 * or unbundled output without a build id (tests): the version then stands for the code.
 */
export function buildId(root: string): string {
  try {
    return readFileSync(join(root, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    return bundleDigest(import.meta.url);
  }
}

/** The SHA-256 of the bundle at `url`, or '' when `url` is this module's own file (not bundled) or unreadable. */
export function bundleDigest(url: string): string {
  if (!url.startsWith('file:') || /\/registry\/build-id\.[cm]?[jt]s$/.test(url)) return '';
  try {
    return createHash('sha256').update(readFileSync(fileURLToPath(url))).digest('hex');
  } catch {
    return '';
  }
}
