import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';

/**
 * The directory holding package.json. Found by walking up, because this module runs both as
 * TypeScript under vitest (scripts/) and compiled (build/scripts/).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(resolve(dir, 'package.json')) && existsSync(resolve(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('subproc: cannot find its package root');
    dir = parent;
  }
}

export const packageRoot = findRoot();
