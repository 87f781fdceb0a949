import type { Diagnostic } from '../engine/diagnostic.js';
import { makeDiagnostic } from '../engine/rule.js';
import { didYouMean } from '../engine/suggest.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { schemaDiagnostics } from './ajv-messages.js';
import { MAX_FILE_BYTES, SETTINGS_FILE, SUBPROCESSOR_EXTENSION, SUBPROCESSORS_DIR } from './layout.js';
import { START, type Locator } from './locate.js';
import { parseRegistryYaml } from './parse-yaml.js';
import { fileFormat, fileName, registryLayout } from './rules.js';
import { SCHEMA_FILES, validatorFor, type SchemaKind } from './schemas.js';
import { FileTooLarge, SourceError, type RegistrySource, type SourceEntry } from './source.js';

export interface LoadedFile<T> {
  readonly file: string;
  readonly value: T;
  readonly locate: Locator;
}

export interface Registry {
  readonly label: string;
  readonly settings?: LoadedFile<RegistrySettings>;
  /** Only the subprocessor files that parsed and validated, in file order. */
  readonly subprocessors: readonly LoadedFile<Subprocessor>[];
  /** Every subprocessor file present, valid or not, id → path: a broken file is not a deleted one. */
  readonly files: ReadonlyMap<string, string>;
  readonly fileCount: number;
  readonly diagnostics: readonly Diagnostic[];
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function slugSuggestion(stem: string): string {
  return (
    stem
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'vendor-name'
  );
}

/** What can be told before reading: links, folders and files over the size cap are refused unread. */
function readable(entry: SourceEntry, diagnostics: Diagnostic[]): boolean {
  const where = { file: entry.file, path: [], ...START };
  if (entry.kind === 'symlink-outside' || entry.kind === 'broken-symlink') {
    diagnostics.push(makeDiagnostic(fileFormat, entry.kind, where, { target: entry.target ?? '?' }));
    return false;
  }
  if (entry.kind !== 'file') {
    diagnostics.push(makeDiagnostic(fileFormat, 'not-a-file', where, { kind: entry.kind === 'directory' ? 'folder' : 'special file' }));
    return false;
  }
  if (entry.size !== undefined && entry.size > MAX_FILE_BYTES) {
    diagnostics.push(makeDiagnostic(fileFormat, 'too-large', where, { size: entry.size, limit: MAX_FILE_BYTES }));
    return false;
  }
  return true;
}

/**
 * Reads the entries, in one batch where the source can (git: one process for all blobs). An entry that cannot be
 * read becomes a diagnostic; a source that fails as a whole (git missing) is an environment error.
 */
async function readAll(source: RegistrySource, entries: readonly SourceEntry[], diagnostics: Diagnostic[]): Promise<(Uint8Array | undefined)[]> {
  if (source.readMany) return source.readMany(entries);
  const out: (Uint8Array | undefined)[] = [];
  for (const entry of entries) {
    try {
      out.push(await source.read(entry));
    } catch (error) {
      if (error instanceof SourceError) throw error;
      if (error instanceof FileTooLarge) {
        diagnostics.push(makeDiagnostic(fileFormat, 'too-large', { file: entry.file, path: [], ...START }, { size: error.size, limit: MAX_FILE_BYTES }));
        out.push(undefined);
        continue;
      }
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      diagnostics.push(makeDiagnostic(fileFormat, 'unreadable', { file: entry.file, path: [], ...START }, { reason }));
      out.push(undefined);
    }
  }
  return out;
}

/** The size can change between listing and reading; the cap must hold for what was read. */
function withinCap(entry: SourceEntry, bytes: Uint8Array | undefined, diagnostics: Diagnostic[]): bytes is Uint8Array {
  if (bytes === undefined) return false;
  if (bytes.length <= MAX_FILE_BYTES) return true;
  diagnostics.push(makeDiagnostic(fileFormat, 'too-large', { file: entry.file, path: [], ...START }, { size: bytes.length, limit: MAX_FILE_BYTES }));
  return false;
}

function parseAndValidate<T>(kind: SchemaKind, entry: SourceEntry, bytes: Uint8Array, diagnostics: Diagnostic[]): LoadedFile<T> | undefined {
  const parsed = parseRegistryYaml(entry.file, bytes);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.value === undefined) return undefined;
  const validate = validatorFor(kind);
  if (!validate(parsed.value)) {
    diagnostics.push(...schemaDiagnostics(validate.errors ?? [], { file: entry.file, schemaFile: SCHEMA_FILES[kind], locate: parsed.locate }));
    return undefined;
  }
  return { file: entry.file, value: parsed.value as T, locate: parsed.locate };
}

function checkFileName(loaded: LoadedFile<Subprocessor>, stem: string, diagnostics: Diagnostic[]): boolean {
  if (loaded.value.id === stem) return true;
  const where = { file: loaded.file, path: ['id'], ...loaded.locate(['id']) };
  diagnostics.push(makeDiagnostic(fileName, 'id-mismatch', where, { id: loaded.value.id, fileName: `${stem}${SUBPROCESSOR_EXTENSION}`, stem }));
  return false;
}

function checkCategories(settings: LoadedFile<RegistrySettings>, subprocessors: readonly LoadedFile<Subprocessor>[], diagnostics: Diagnostic[]): Set<string> {
  const declared = new Set<string>();
  settings.value.categories.forEach((category, index) => {
    if (declared.has(category.id)) {
      const where = { file: settings.file, path: ['categories', index, 'id'], ...settings.locate(['categories', index, 'id']) };
      diagnostics.push(makeDiagnostic(registryLayout, 'duplicate-category', where, { category: category.id }));
    }
    declared.add(category.id);
  });
  const invalid = new Set<string>();
  for (const sub of subprocessors) {
    const category = sub.value.category;
    if (declared.has(category)) continue;
    invalid.add(sub.file);
    const where = { file: sub.file, path: ['category'], ...sub.locate(['category']) };
    const suggestion = didYouMean(category, declared);
    const data = { category, settingsFile: settings.file, allowed: [...declared].join(', ') };
    diagnostics.push(
      suggestion
        ? makeDiagnostic(registryLayout, 'unknown-category-suggest', where, { ...data, suggestion })
        : makeDiagnostic(registryLayout, 'unknown-category', where, data),
    );
  }
  return invalid;
}

/**
 * Loads a whole registry from any source: every file is read, parsed, checked and validated, and every problem
 * becomes a located diagnostic. Throws only SourceError, for problems of the environment rather than the data.
 */
/**
 * Results of files already loaded, by path and git object id: a check loads base and head, which share almost
 * every file, and each shared file is then read, parsed and validated once.
 */
export type LoadCache = Map<string, { loaded?: LoadedFile<Subprocessor>; diagnostics: Diagnostic[] }>;

export async function loadRegistry(source: RegistrySource, cache?: LoadCache): Promise<Registry> {
  const listed = await source.list();
  if (!listed) {
    throw new SourceError(`no registry at ${source.label}`, 'Run the command from the repository root, or pass the registry folder: subproc validate path/to/registry');
  }
  const diagnostics: Diagnostic[] = [];
  const settingsEntry = listed.find((e) => e.relative === SETTINGS_FILE);
  const subDir = listed.find((e) => e.relative === SUBPROCESSORS_DIR);
  const subEntries = listed.filter((e) => e.relative.startsWith(`${SUBPROCESSORS_DIR}/`));
  const registryFile = source.fileOf(SETTINGS_FILE);
  if (!settingsEntry) diagnostics.push(makeDiagnostic(registryLayout, 'missing-settings', { file: registryFile, path: [], ...START }));
  if (subDir?.kind === 'symlink-outside' || subDir?.kind === 'broken-symlink') {
    diagnostics.push(makeDiagnostic(fileFormat, subDir.kind, { file: subDir.file, path: [], ...START }, { target: subDir.target ?? '?' }));
  } else if (subDir?.kind !== 'directory') {
    diagnostics.push(makeDiagnostic(registryLayout, 'missing-subprocessors', { file: registryFile, path: [], ...START }));
  }

  const settingsReadable = settingsEntry !== undefined && readable(settingsEntry, diagnostics);

  const files = new Map<string, string>();
  const toRead: { entry: SourceEntry; stem: string }[] = [];
  for (const entry of subEntries) {
    const name = entry.relative.slice(SUBPROCESSORS_DIR.length + 1);
    if (!name.endsWith(SUBPROCESSOR_EXTENSION) || entry.kind === 'directory') {
      if (entry.kind === 'directory') diagnostics.push(makeDiagnostic(fileFormat, 'not-a-file', { file: entry.file, path: [], ...START }, { kind: 'folder' }));
      else diagnostics.push(makeDiagnostic(fileFormat, 'unexpected-file', { file: entry.file, path: [], ...START }));
      continue;
    }
    const stem = name.slice(0, -SUBPROCESSOR_EXTENSION.length);
    files.set(stem, entry.file);
    if (!ID_PATTERN.test(stem)) {
      const data = { fileName: name, suggestion: slugSuggestion(stem) };
      diagnostics.push(makeDiagnostic(fileName, 'invalid-name', { file: entry.file, path: [], ...START }, data));
      continue;
    }
    if (readable(entry, diagnostics)) toRead.push({ entry, stem });
  }
  const key = (entry: SourceEntry) => (entry.oid !== undefined ? `${entry.file}\0${entry.oid}` : undefined);
  const fresh = toRead.filter(({ entry }) => {
    const k = key(entry);
    return k === undefined || !cache?.has(k);
  });
  // One read for the settings and every subprocessor: for a git ref, one process.
  const batch = [...(settingsEntry && settingsReadable ? [settingsEntry] : []), ...fresh.map((t) => t.entry)];
  const contents = await readAll(source, batch, diagnostics);
  const bytesOf = new Map(batch.map((entry, index) => [entry, contents[index]]));
  let settings: LoadedFile<RegistrySettings> | undefined;
  if (settingsEntry && settingsReadable) {
    const bytes = bytesOf.get(settingsEntry);
    if (withinCap(settingsEntry, bytes, diagnostics)) settings = parseAndValidate<RegistrySettings>('registry', settingsEntry, bytes, diagnostics);
  }
  const valid: LoadedFile<Subprocessor>[] = [];
  for (const { entry, stem } of toRead) {
    const k = key(entry);
    const cached = k !== undefined ? cache?.get(k) : undefined;
    if (cached) {
      diagnostics.push(...cached.diagnostics);
      if (cached.loaded) valid.push(cached.loaded);
      continue;
    }
    const own: Diagnostic[] = [];
    const bytes = bytesOf.get(entry);
    let loaded: LoadedFile<Subprocessor> | undefined;
    if (withinCap(entry, bytes, own)) {
      const parsed = parseAndValidate<Subprocessor>('subprocessor', entry, bytes, own);
      if (parsed && checkFileName(parsed, stem, own)) loaded = parsed;
    }
    if (k !== undefined) cache?.set(k, { ...(loaded ? { loaded } : {}), diagnostics: own });
    diagnostics.push(...own);
    if (loaded) valid.push(loaded);
  }

  const badCategory = settings ? checkCategories(settings, valid, diagnostics) : new Set<string>();
  return {
    label: source.label,
    ...(settings ? { settings } : {}),
    subprocessors: valid.filter((s) => !badCategory.has(s.file)),
    files,
    fileCount: (settingsEntry ? 1 : 0) + subEntries.length,
    diagnostics,
  };
}
