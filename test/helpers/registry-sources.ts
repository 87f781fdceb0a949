import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memorySource } from '../../scripts/registry/memory-source.js';
import type { RegistrySource, SourceEntry } from '../../scripts/registry/source.js';
import { ROOT } from './run-cli.js';

/** Files of a registry folder, path relative to it → content, as memorySource takes them. */
export type RegistryFiles = Record<string, string | Uint8Array>;

let shipped: Readonly<RegistryFiles> | undefined;

/** The shipped registry as memorySource files: registry.yaml and subprocessors/ID.yaml (not sources/), read once. */
export function shippedRegistryFiles(): RegistryFiles {
  if (!shipped) {
    const dir = join(ROOT, 'registry');
    const files: RegistryFiles = { 'registry.yaml': readFileSync(join(dir, 'registry.yaml')) };
    for (const name of readdirSync(join(dir, 'subprocessors')).sort()) {
      files[`subprocessors/${name}`] = readFileSync(join(dir, 'subprocessors', name));
    }
    shipped = files;
  }
  return { ...shipped };
}

/**
 * An entry a folder on disk can hold and memorySource cannot: a folder or special file where a file belongs, a
 * symbolic link, a file over the size cap (listed with its size, never read) or one that cannot be read. It replaces
 * any entry of the same path (the subprocessors/ folder itself included).
 */
export interface ExtraEntry {
  readonly relative: string;
  readonly kind: SourceEntry['kind'];
  readonly size?: number;
  /** Where a symbolic link points, as the folder source reports it. */
  readonly target?: string;
  /** The error code reading the entry fails with (EACCES, EIO…). */
  readonly readError?: string;
}

/** memorySource(files) with `extra` entries listed beside (or instead of) the files: the loader sees a folder's shapes. */
export function sourceWithEntries(files: RegistryFiles, extra: readonly ExtraEntry[], dir = 'registry'): RegistrySource {
  const base = memorySource(files, dir);
  const byPath = new Map(extra.map((e) => [e.relative, e]));
  return {
    label: base.label,
    async list() {
      const listed = (await base.list()) ?? [];
      const added: SourceEntry[] = extra.map((e) => ({
        file: base.fileOf(e.relative),
        relative: e.relative,
        kind: e.kind,
        ...(e.size === undefined ? {} : { size: e.size }),
        ...(e.target === undefined ? {} : { target: e.target }),
      }));
      return [...listed.filter((e) => !byPath.has(e.relative)), ...added].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    },
    read(entry) {
      const code = byPath.get(entry.relative)?.readError;
      if (code !== undefined) return Promise.reject(Object.assign(new Error(`${code}: cannot read ${entry.file}`), { code }));
      return base.read(entry);
    },
    fileOf: (relative) => base.fileOf(relative),
  };
}
