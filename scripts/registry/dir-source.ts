import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { SUBPROCESSORS_DIR, toPosix } from './layout.js';
import { SourceError, type RegistrySource, type SourceEntry } from './source.js';

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root + sep);
}

/**
 * Reads a registry from a folder on disk. Symbolic links are followed only while they stay inside the registry.
 * Synchronous on purpose: thousands of small files read one after the other cost less than as many promises
 * queued on libuv's four threads, and the parsing that follows is single-threaded anyway.
 */
export function directorySource(dir: string, cwd = process.cwd()): RegistrySource {
  const root = resolve(cwd, dir);
  const display = (absolute: string) => toPosix(relative(cwd, absolute)) || '.';

  function entryFor(absolute: string, realRoot: string): SourceEntry {
    const file = display(absolute);
    const rel = toPosix(relative(root, absolute));
    const info = lstatSync(absolute);
    if (info.isSymbolicLink()) {
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
    const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
    return { file, relative: rel, kind, size: info.size };
  }

  return {
    label: display(root),
    list() {
      let realRoot: string;
      try {
        const info = statSync(root);
        if (!info.isDirectory()) throw new SourceError(`${display(root)} is not a folder`, 'Give the registry folder, for example: subproc validate registry');
        realRoot = realpathSync(root);
      } catch (error) {
        if (error instanceof SourceError) return Promise.reject(error);
        return Promise.resolve(undefined);
      }
      const entries: SourceEntry[] = [];
      for (const name of readdirSync(root).sort()) entries.push(entryFor(join(root, name), realRoot));
      const sub = join(root, SUBPROCESSORS_DIR);
      const subEntry = entries.find((e) => e.relative === SUBPROCESSORS_DIR);
      if (subEntry?.kind === 'directory') {
        for (const name of readdirSync(sub).sort()) entries.push(entryFor(join(sub, name), realRoot));
      }
      return Promise.resolve(entries);
    },
    fileOf(rel) {
      return display(join(root, rel));
    },
    read(entry) {
      // A throw inside then() becomes the rejection, with the fs error (its code) intact.
      return Promise.resolve().then(() => readFileSync(join(root, entry.relative)));
    },
  };
}
