/** Names inside a registry folder. */
export const SETTINGS_FILE = 'registry.yaml';
export const SUBPROCESSORS_DIR = 'subprocessors';
export const SUBPROCESSOR_EXTENSION = '.yaml';
/** The one file besides NAME.yaml that subprocessors/ may hold: git's placeholder for a folder with no vendor yet. */
export const EMPTY_FOLDER_PLACEHOLDER = '.gitkeep';
/** Far above any real entry (a few hundred bytes), far below what could exhaust memory when thousands are read. */
export const MAX_FILE_BYTES = 256 * 1024;
export const DEFAULT_REGISTRY_DIR = 'registry';

export function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/**
 * The `$schema` lines of registry files rebuilt in memory from a release (never written to disk), as this
 * repository's own registry has them. Files written to disk take theirs from schema-ref.ts, which knows where the
 * installed package lies.
 */
export const SETTINGS_SCHEMA_REF = '../schemas/editor/registry.schema.json';
export const SUBPROCESSOR_SCHEMA_REF = '../../schemas/editor/subprocessor.schema.json';
