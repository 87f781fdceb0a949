import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './run-cli.js';
import { settingsYaml, vendorYaml } from './vendor-yaml.js';

/** A file tree written as { 'registry/subprocessors/x.yaml': 'id: x\n' }; Buffers are written byte for byte. */
export type Tree = Record<string, string | Uint8Array>;

export function writeTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export function tempDir(prefix = 'subproc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temporary folder holding a copy of the shipped registry (under registry/), plus `tree` on top of it. */
export function copyOfShippedRegistry(tree: Tree = {}): { dir: string; cleanup: () => void } {
  const temp = tempDir();
  cpSync(join(ROOT, 'registry'), join(temp.dir, 'registry'), { recursive: true });
  writeTree(temp.dir, tree);
  return temp;
}

/**
 * A valid subprocessor file, for tests that change one thing about it: vendorYaml (test/helpers/vendor-yaml.ts) with
 * the task "Hosting of the platform", then `extra` lines. Kept for the tests that import it from here.
 */
export function subprocessorYaml(id: string, extra = ''): string {
  return vendorYaml(id, { tasks: ['Hosting of the platform'] }) + (extra ? `${extra}\n` : '');
}

/** registry.yaml with one category, hosting: settingsYaml() of test/helpers/vendor-yaml.ts. */
export const MINIMAL_SETTINGS = settingsYaml();
