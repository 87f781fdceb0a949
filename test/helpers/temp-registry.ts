import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './run-cli.js';

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

/** A valid subprocessor file, for tests that change one thing about it. */
export function subprocessorYaml(id: string, extra = ''): string {
  return [
    `id: ${id}`,
    `name: Vendor ${id}`,
    'category: hosting',
    'tasks:',
    '  - Hosting of the platform',
    'locations:',
    '  - place: FR',
    '    mechanism: none',
    'status: active',
    extra,
  ]
    .filter(Boolean)
    .join('\n')
    .concat('\n');
}

export const MINIMAL_SETTINGS = [
  'controller:',
  '  name: Example',
  '  country: FR',
  'noticePeriodDays: 30',
  'categories:',
  '  - id: hosting',
  '    title: Hosting',
  '',
].join('\n');
