import { SUBPROCESSORS_DIR } from './layout.js';
import type { RegistrySource, SourceEntry } from './source.js';

/**
 * A registry held in memory, relative path → content: the Danger adapter feeds pull-request file contents through
 * it, and tests build registries without touching the disk.
 */
export function memorySource(files: Readonly<Record<string, string | Uint8Array>>, dir = 'registry'): RegistrySource {
  const bytes = (content: string | Uint8Array) => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return {
    label: dir,
    list() {
      const entries: SourceEntry[] = Object.entries(files).map(([relative, content]) => ({ file: `${dir}/${relative}`, relative, kind: 'file', size: bytes(content).length }));
      if (entries.length === 0) return Promise.resolve(undefined);
      // The folder exists as soon as the registry does, even empty: git cannot hold an empty folder, a PR can.
      entries.push({ file: `${dir}/${SUBPROCESSORS_DIR}`, relative: SUBPROCESSORS_DIR, kind: 'directory', size: 0 });
      return Promise.resolve(entries.sort((a, b) => (a.file < b.file ? -1 : 1)));
    },
    read(entry) {
      const content = files[entry.relative];
      return content === undefined ? Promise.reject(new Error(`ENOENT: ${entry.file}`)) : Promise.resolve(bytes(content));
    },
    fileOf(relative) {
      return `${dir}/${relative}`;
    },
  };
}
