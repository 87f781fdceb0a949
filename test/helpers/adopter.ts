import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './run-cli.js';

/** Where a written `# yaml-language-server: $schema=…` line points, resolved from its file. */
export function schemaTarget(file: string): string {
  const line = /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!line) throw new Error(`${file} has no $schema line`);
  return resolve(dirname(file), line);
}

/**
 * An adopter's repository after `npm install subproc`: the package as npm lays it out, a copy under
 * node_modules/subproc (a copy, not a symlink: Node resolves a symlinked package to its real path, outside the
 * repository), its own dependencies reached through a link. Returns the installed bin.
 */
export function adopterRepository(dir: string): { installed: string; bin: string } {
  const installed = join(dir, 'node_modules', 'subproc');
  mkdirSync(installed, { recursive: true });
  for (const part of ['package.json', 'bin', 'build', 'schemas', 'policies'])
    cpSync(join(ROOT, part), join(installed, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "name": "acme-privacy", "private": true }\n');
  return { installed, bin: join(installed, 'bin', 'subproc.js') };
}
