import { readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { SUBPROCESSORS_DIR, toPosix } from './layout.js';
import { indexedIds } from './index-ids.js';
import { readCapped } from './read-capped.js';
import { SourceError, type RegistrySource, type SourceEntry } from './source.js';

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root + sep);
}

/**
 * Reads a registry from a folder on disk. Symbolic links are followed only while they stay inside the registry.
 * Synchronous on purpose: thousands of small files read one after the other cost less than as many promises
 * queued on libuv's four threads, and the parsing that follows is single-threaded anyway. The listing takes
 * each entry's type from the folder itself: no stat per file, only per link.
 */
export function directorySource(dir: string, cwd = process.cwd()): RegistrySource {
  const root = resolve(cwd, dir);
  const display = (absolute: string) => toPosix(relative(cwd, absolute)) || '.';

  function linkEntry(absolute: string, file: string, rel: string, realRoot: string): SourceEntry {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch {
      return { file, relative: rel, kind: 'broken-symlink', size: 0, target: readlinkSync(absolute) };
    }
    if (!isInside(realRoot, target)) return { file, relative: rel, kind: 'symlink-outside', size: 0, target };
    const resolved = statSync(target);
    return { file, relative: rel, kind: resolved.isFile() ? 'file' : resolved.isDirectory() ? 'directory' : 'other', size: resolved.size };
  }

  function entriesOf(folder: string, realRoot: string): SourceEntry[] {
    const shown = display(folder);
    const prefix = toPosix(relative(root, folder));
    const within = (base: string, name: string) => (base === '' || base === '.' ? name : `${base}/${name}`);
    const dirents: Dirent[] = readdirSync(folder, { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return dirents.map((dirent) => {
      const file = within(shown, dirent.name);
      const rel = within(prefix, dirent.name);
      if (dirent.isSymbolicLink()) return linkEntry(join(folder, dirent.name), file, rel, realRoot);
      return { file, relative: rel, kind: dirent.isFile() ? 'file' : dirent.isDirectory() ? 'directory' : 'other' };
    });
  }

  return {
    label: display(root),
    list() {
      let realRoot: string;
      try {
        const info = statSync(root);
        if (!info.isDirectory()) throw new SourceError('not-a-folder', `${display(root)} is not a folder`, 'Give the registry folder, for example: subproc validate registry');
        realRoot = realpathSync(root);
      } catch (error) {
        if (error instanceof SourceError) return Promise.reject(error);
        return Promise.resolve(undefined);
      }
      const entries = entriesOf(root, realRoot);
      const subEntry = entries.find((e) => e.relative === SUBPROCESSORS_DIR);
      if (subEntry?.kind === 'directory') entries.push(...entriesOf(join(root, SUBPROCESSORS_DIR), realRoot));
      return Promise.resolve(entries);
    },
    fileOf(rel) {
      return display(join(root, rel));
    },
    indexedIds(within) {
      return indexedIds(root, within);
    },
    read(entry) {
      // A throw inside then() becomes the rejection, with the fs error (its code) intact.
      return Promise.resolve().then(() => readCapped(join(root, entry.relative)));
    },
  };
}
