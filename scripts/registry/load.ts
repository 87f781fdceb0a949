import { withFix, type Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { closest } from '../diagnostics/suggest.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { EMPTY_FOLDER_PLACEHOLDER, MAX_FILE_BYTES, SETTINGS_FILE, SUBPROCESSOR_EXTENSION, SUBPROCESSORS_DIR } from './layout.js';
import { blobId, type FileCache, type PackedFile } from './file-cache.js';
import { START } from './locate.js';
import { loadSubprocessorFile, parseAndValidate, readFailure, withinCap, type FileResult, type LoadedFile } from './load-file.js';
import { visible } from './invisible.js';
import { checkScopes } from './scope-check.js';
import { fileFormat, fileName, registryLayout } from './rules.js';
import { SourceError, type RegistrySource, type SourceEntry } from './source.js';

export type { LoadedFile } from './load-file.js';

export interface Registry {
  readonly label: string;
  readonly settings?: LoadedFile<RegistrySettings>;
  /** Only the subprocessor files that parsed and validated, in file order. */
  readonly subprocessors: readonly LoadedFile<Subprocessor>[];
  /** Every subprocessor file present, valid or not, id → path: a broken file is not a deleted one. */
  readonly files: ReadonlyMap<string, string>;
  readonly fileCount: number;
  /** The git blob id of each subprocessor file whose id is known (a git side, or a work-tree file read or vouched for). */
  readonly blobIds: ReadonlyMap<string, string>;
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
  // The common case first, with nothing allocated: this runs for every file of both sides of a check.
  if (entry.kind === 'file' && (entry.size === undefined || entry.size <= MAX_FILE_BYTES)) return true;
  const where = { file: entry.file, path: [], ...START };
  if (entry.kind === 'symlink-outside' || entry.kind === 'broken-symlink') {
    diagnostics.push(makeDiagnostic(fileFormat, entry.kind, where, { target: visible(entry.target ?? '?') }));
    return false;
  }
  if (entry.kind !== 'file') {
    diagnostics.push(makeDiagnostic(fileFormat, 'not-a-file', where, { kind: entry.kind === 'directory' ? 'folder' : 'special file' }));
    return false;
  }
  diagnostics.push(makeDiagnostic(fileFormat, 'too-large', where, { size: entry.size ?? 0, limit: MAX_FILE_BYTES }));
  return false;
}

/**
 * Reads the entries, in one batch where the source can (git: one process for all blobs), and hands each one's
 * bytes (undefined when unreadable) to `each`, in order, as soon as they are there: parsing overlaps the reading.
 * An entry that cannot be read becomes a diagnostic; a source that fails as a whole (git missing) is an
 * environment error.
 */
async function readEach(source: RegistrySource, entries: readonly SourceEntry[], diagnostics: Diagnostic[], each: (index: number, bytes: Uint8Array | undefined) => void): Promise<void> {
  if (source.readMany) {
    await source.readMany(entries, each);
    return;
  }
  for (const [index, entry] of entries.entries()) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await source.read(entry);
    } catch (error) {
      diagnostics.push(readFailure(entry.file, error));
    }
    each(index, bytes);
  }
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
    const suggestion = closest(category, declared);
    const data = { category, settingsFile: settings.file, allowed: [...declared].join(', ') };
    diagnostics.push(
      suggestion
        ? withFix(
            makeDiagnostic(registryLayout, 'unknown-category-suggest', where, { ...data, suggestion: suggestion.best }),
            suggestion.unique ? sub.locate.replacement?.(['category'], 'value', suggestion.best) : undefined,
          )
        : makeDiagnostic(registryLayout, 'unknown-category', where, data),
    );
  }
  return invalid;
}

/**
 * Reads and loads the settings and the subprocessor files not found in the cache, all read in one batch (for
 * git, one process). `loadOne` turns one file's bytes into its result.
 */
async function loadFiles(
  source: RegistrySource,
  settingsEntry: SourceEntry | undefined,
  fresh: readonly { entry: SourceEntry; stem: string }[],
  diagnostics: Diagnostic[],
  loadOne: (entry: SourceEntry, stem: string, bytes: Uint8Array | undefined) => FileResult,
): Promise<{ settings?: LoadedFile<RegistrySettings>; results: Map<SourceEntry, FileResult> }> {
  const batch = [...(settingsEntry ? [settingsEntry] : []), ...fresh.map((f) => f.entry)];
  const offset = settingsEntry ? 1 : 0;
  let settings: LoadedFile<RegistrySettings> | undefined;
  const results = new Map<SourceEntry, FileResult>();
  await readEach(source, batch, diagnostics, (index, bytes) => {
    if (settingsEntry && index === 0) {
      if (withinCap(settingsEntry.file, bytes, diagnostics)) settings = parseAndValidate<RegistrySettings>('registry', settingsEntry.file, bytes, diagnostics);
      return;
    }
    const job = fresh[index - offset];
    if (job) results.set(job.entry, loadOne(job.entry, job.stem, bytes));
  });
  return { ...(settings ? { settings } : {}), results };
}

/** One subprocessor file on its way through loadRegistry: its blob id once known, its result once found or made. */
interface Job {
  readonly entry: SourceEntry;
  readonly stem: string;
  oid: string | undefined;
  result?: FileResult | undefined;
  /** Found in the run's `cache` (the other side's results): already there, not to be added again. */
  shared: boolean;
}

/**
 * Results of files already loaded, by path, each with the git object id of the bytes it came from: a check loads
 * base and head, which share almost every file, and each shared file is then read, parsed and validated once.
 */
export type LoadCache = Map<string, { readonly oid: string; readonly result: FileResult }>;

function cachedResult(cache: LoadCache | undefined, file: string, oid: string): FileResult | undefined {
  const hit = cache?.get(file);
  return hit?.oid === oid ? hit.result : undefined;
}

/**
 * Loads a whole registry from any source: every file is read, parsed, checked and validated, and every problem
 * becomes a located diagnostic. Throws only SourceError, for problems of the environment rather than the data.
 * `cache` shares results within a run (base and head); `fileCache` keeps them between runs (file-cache.ts).
 */
export async function loadRegistry(source: RegistrySource, cache?: LoadCache, fileCache?: FileCache): Promise<Registry> {
  const listed = await source.list();
  if (!listed) {
    throw new SourceError('no-registry', `no registry at ${source.label}`, 'Run the command from the repository root, or pass the registry folder: subproc validate path/to/registry');
  }
  const diagnostics: Diagnostic[] = [];
  const settingsEntry = listed.find((e) => e.relative === SETTINGS_FILE);
  const subDir = listed.find((e) => e.relative === SUBPROCESSORS_DIR);
  const subEntries = listed.filter((e) => e.relative.startsWith(`${SUBPROCESSORS_DIR}/`));
  const registryFile = source.fileOf(SETTINGS_FILE);
  if (!settingsEntry) diagnostics.push(makeDiagnostic(registryLayout, 'missing-settings', { file: registryFile, path: [], ...START }));
  if (subDir?.kind === 'symlink-outside' || subDir?.kind === 'broken-symlink') {
    diagnostics.push(makeDiagnostic(fileFormat, subDir.kind, { file: subDir.file, path: [], ...START }, { target: visible(subDir.target ?? '?') }));
  } else if (subDir?.kind !== 'directory') {
    diagnostics.push(makeDiagnostic(registryLayout, 'missing-subprocessors', { file: registryFile, path: [], ...START }));
  }

  const settingsReadable = settingsEntry !== undefined && readable(settingsEntry, diagnostics);

  const files = new Map<string, string>();
  const toRead: { entry: SourceEntry; stem: string }[] = [];
  for (const entry of subEntries) {
    const name = entry.relative.slice(SUBPROCESSORS_DIR.length + 1);
    // git keeps no empty folder: `subproc init` leaves this placeholder in a registry that has no vendor yet.
    if (name === EMPTY_FOLDER_PLACEHOLDER && entry.kind === 'file') continue;
    if (!name.endsWith(SUBPROCESSOR_EXTENSION) || entry.kind === 'directory') {
      if (entry.kind === 'directory') diagnostics.push(makeDiagnostic(fileFormat, 'not-a-file', { file: entry.file, path: [], ...START }, { kind: 'folder' }));
      else diagnostics.push(makeDiagnostic(fileFormat, 'unexpected-file', { file: entry.file, path: [], ...START }));
      continue;
    }
    const stem = name.slice(0, -SUBPROCESSOR_EXTENSION.length);
    files.set(stem, entry.file);
    if (!ID_PATTERN.test(stem)) {
      const data = { fileName: visible(name), suggestion: slugSuggestion(stem) };
      diagnostics.push(makeDiagnostic(fileName, 'invalid-name', { file: entry.file, path: [], ...START }, data));
      continue;
    }
    if (readable(entry, diagnostics)) toRead.push({ entry, stem });
  }
  // A work-tree file git's index vouches for has its blob id before reading; only worth asking with a cache.
  const indexed = (cache ?? fileCache) && source.indexedIds ? await source.indexedIds(SUBPROCESSORS_DIR) : undefined;
  // One pass per question over the side's files, each job remembering its blob id and result: a check asks these of
  // 10,000 files on each side, and looking each one up again at every step was a tenth of a warm run.
  const jobs: Job[] = toRead.map(({ entry, stem }) => ({ entry, stem, oid: entry.oid ?? indexed?.get(entry.relative), shared: false }));
  // Every file whose blob id is known before reading, in file order: one pack can answer for all of them.
  const listing: PackedFile[] = [];
  let inMemory = 0;
  for (const job of jobs) {
    if (job.oid === undefined) continue;
    listing.push({ file: job.entry.file, oid: job.oid });
    job.result = cachedResult(cache, job.entry.file, job.oid);
    if (job.result !== undefined) {
      job.shared = true;
      inMemory++;
    }
  }
  const packed = fileCache && inMemory < listing.length ? fileCache.lookupPack(listing) : undefined;
  const fresh = jobs.filter((job) => {
    if (job.result !== undefined) return false;
    if (job.oid === undefined) return true;
    // A blob id known before reading: a hit on disk spares the read too.
    job.result = packed?.get(job.entry.file) ?? fileCache?.lookup(job.oid, job.entry.file);
    return job.result === undefined;
  });
  // Work-tree files get their blob id once read: the base then finds them in `cache` as it finds git's.
  const readIds = new Map<SourceEntry, string>();
  const loadOne = (entry: SourceEntry, stem: string, bytes: Uint8Array | undefined): FileResult => {
    if (bytes === undefined || bytes.length > MAX_FILE_BYTES) return loadSubprocessorFile(entry.file, stem, bytes);
    // The blob id is only ever a key: with neither cache (validate --no-cache) hashing every file is waste.
    if (entry.oid === undefined && !cache && !fileCache) return loadSubprocessorFile(entry.file, stem, bytes);
    // A file read is keyed by the id of the bytes read, never by the index's word: what is stored matches them.
    const oid = entry.oid ?? blobId(bytes);
    readIds.set(entry, oid);
    const stored = entry.oid === undefined ? fileCache?.lookup(oid, entry.file) : undefined;
    if (stored) return stored;
    const result = loadSubprocessorFile(entry.file, stem, bytes);
    fileCache?.store(oid, entry.file, result, result.loaded ? new TextDecoder().decode(bytes) : undefined);
    return result;
  };
  const { settings, results } = await loadFiles(source, settingsReadable ? settingsEntry : undefined, fresh, diagnostics, loadOne);
  for (const job of fresh) {
    job.result = results.get(job.entry);
    job.oid = readIds.get(job.entry) ?? job.entry.oid;
  }
  const valid: LoadedFile<Subprocessor>[] = [];
  const blobIds = new Map<string, string>();
  for (const { entry, oid, result, shared } of jobs) {
    if (!result) continue;
    if (oid !== undefined && !shared) cache?.set(entry.file, { oid, result });
    for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
    if (result.loaded) valid.push(result.loaded);
    if (oid !== undefined) blobIds.set(entry.file, oid);
  }
  // A side mostly answered from the other side's results (a check's head, after its base) needs no pack: the
  // other side's pack answers for the files they share. A pack holds results of the very bytes its ids name.
  if (fileCache && !packed && listing.length > 0 && inMemory * 2 < listing.length) {
    const jobOf = new Map(jobs.map((job) => [job.entry.file, job]));
    const results = new Map<string, FileResult>();
    for (const { file, oid } of listing) {
      const job = jobOf.get(file);
      // A file read is keyed by the bytes read: it joins the pack only when they are the ones the listing names.
      if (job?.result === undefined || job.oid !== oid) break;
      results.set(file, job.result);
    }
    if (results.size === listing.length) fileCache.storePack(listing, results);
  }

  const badCategory = settings ? checkCategories(settings, valid, diagnostics) : new Set<string>();
  if (settings) for (const file of checkScopes(settings, valid, diagnostics)) badCategory.add(file);
  return {
    label: source.label,
    ...(settings ? { settings } : {}),
    subprocessors: valid.filter((s) => !badCategory.has(s.file)),
    files,
    fileCount: (settingsEntry ? 1 : 0) + subEntries.length,
    blobIds,
    diagnostics,
  };
}
