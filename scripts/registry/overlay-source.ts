import type { RegistrySource, SourceEntry } from './source.js';

/**
 * A source read as another, with some files' text replaced (by their path inside the registry folder): how --fix
 * checks the fixed text again before it writes anything, and how --fix-dry-run checks it without writing at all.
 */
export function overlaySource(base: RegistrySource, texts: ReadonlyMap<string, string>): RegistrySource {
  const encoder = new TextEncoder();
  return {
    label: base.label,
    async list() {
      const entries = await base.list();
      return entries?.map((entry): SourceEntry => {
        const text = texts.get(entry.relative);
        return text === undefined ? entry : { file: entry.file, relative: entry.relative, kind: entry.kind, size: encoder.encode(text).length };
      });
    },
    read(entry) {
      const text = texts.get(entry.relative);
      return text === undefined ? base.read(entry) : Promise.resolve(encoder.encode(text));
    },
    fileOf: (relative) => base.fileOf(relative),
  };
}
