import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { SUBPROCESSORS_DIR, toPosix } from './layout.js';
import { SourceError, type RegistrySource, type SourceEntry } from './source.js';

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root + sep);
}

/** Reads a registry from a folder on disk. Symbolic links are followed only while they stay inside the registry. */
export function directorySource(dir: string, cwd = process.cwd()): RegistrySource {
  const root = resolve(cwd, dir);
  const display = (absolute: string) => toPosix(relative(cwd, absolute)) || '.';

  async function entryFor(absolute: string, realRoot: string): Promise<SourceEntry> {
    const file = display(absolute);
    const rel = toPosix(relative(root, absolute));
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(absolute);
      } catch {
        return { file, relative: rel, kind: 'broken-symlink', size: 0, target: await readlink(absolute) };
      }
      if (!isInside(realRoot, target)) return { file, relative: rel, kind: 'symlink-outside', size: 0, target };
      const resolved = await stat(target);
      return { file, relative: rel, kind: resolved.isFile() ? 'file' : resolved.isDirectory() ? 'directory' : 'other', size: resolved.size };
    }
    const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
    return { file, relative: rel, kind, size: info.size };
  }

  return {
    label: display(root),
    async list() {
      let realRoot: string;
      try {
        const info = await stat(root);
        if (!info.isDirectory()) throw new SourceError(`${display(root)} is not a folder`, 'Give the registry folder, for example: subproc validate registry');
        realRoot = await realpath(root);
      } catch (error) {
        if (error instanceof SourceError) throw error;
        return undefined;
      }
      const entries: SourceEntry[] = [];
      for (const name of (await readdir(root)).sort()) {
        entries.push(await entryFor(join(root, name), realRoot));
      }
      const sub = join(root, SUBPROCESSORS_DIR);
      const subEntry = entries.find((e) => e.relative === SUBPROCESSORS_DIR);
      if (subEntry?.kind === 'directory') {
        for (const name of (await readdir(sub)).sort()) entries.push(await entryFor(join(sub, name), realRoot));
      }
      return entries;
    },
    fileOf(rel) {
      return display(join(root, rel));
    },
    async read(entry) {
      return readFile(join(root, entry.relative));
    },
  };
}
