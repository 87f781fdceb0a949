import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../paths.js';
import { BUILD_ID_FILE } from '../registry/build-id.js';
import { CLI_BUNDLE_DIR } from './esbuild-node.js';

// The digest of the compiled code, written once per build so that a run need not hash 1.8 MB at start-up: the file
// cache keys entries with it, so that a change to the parser, a check or a message misses every entry even when the
// version in package.json stays the same (a run from a git checkout between releases).
function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return codeFiles(path);
      return /\.(c?js)$/.test(entry.name) ? [path] : [];
    })
    .sort();
}

const hash = createHash('sha256');
for (const folder of ['build/scripts', 'build/policies', CLI_BUNDLE_DIR]) {
  for (const path of codeFiles(join(packageRoot, folder))) {
    hash.update(relative(packageRoot, path)).update('\0').update(readFileSync(path)).update('\0');
  }
}
writeFileSync(join(packageRoot, BUILD_ID_FILE), `${hash.digest('hex')}\n`);
