import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { packageRoot } from '../paths.js';
import { version } from '../version.js';
import { buildId } from './build-id.js';
import type { FileResult } from './load-file.js';
import { lazyLocator } from './parse-yaml.js';

/**
 * What a subprocessor file yields (its data, or its diagnostics) kept on disk between runs, keyed by the git blob id
 * of its bytes: a pull request changes a handful of files, and every other file's answer is already known. The
 * cache only ever saves work: an entry that does not check out exactly is ignored and written again.
 */
export interface FileCache {
  /** The stored result of `file` whose bytes have git blob id `oid`, when a sound entry exists. */
  lookup(oid: string, file: string): FileResult | undefined;
  /** Keeps a result just computed; `text` is the file's text, from which a hit rebuilds the locator. */
  store(oid: string, file: string, result: FileResult, text: string | undefined): void;
  /**
   * The results of a whole list of files, by path, when one sound pack holds exactly that list: one read, one
   * checksum and one parse for a side instead of one per file.
   */
  lookupPack(files: readonly PackedFile[]): Map<string, FileResult> | undefined;
  /**
   * Keeps the results of a whole list of files (by path) as one pack. Skipped unless every result is one this
   * cache gave back or stored in this run, so that it knows each valid file's text.
   */
  storePack(files: readonly PackedFile[], results: ReadonlyMap<string, FileResult>): void;
  /**
   * A record kept under a name of the caller's making (the check's per-entry findings, scripts/pipeline/
   * entry-findings.ts), as stored, when its checksum holds; the caller checks its shape. The name is keyed with the
   * environment digest like every entry, so another build's records are never seen.
   */
  lookupRecord(name: string): unknown;
  /** Keeps a record under a name; skipped when JSON would not give the value back exactly. */
  storeRecord(name: string, value: unknown): void;
  /** Ends the run: keeps the folder within its size bound. */
  close(): void;
}

/** One file of a pack: its path and the git blob id of its bytes. */
export interface PackedFile {
  readonly file: string;
  readonly oid: string;
}

/** What a stored file holds: one file's result, a side's results, or a record of the caller's. */
type Kind = 'entry' | 'pack' | 'record';

/** The folder name at a repository's root. */
export const CACHE_FOLDER = '.subproc-cache';
/** Entries are laid out by this version; a change of layout starts a new folder rather than reading old ones. */
const LAYOUT = 'v1';
const DEFAULT_MAX_MB = 256;
/** A sweep lists every entry: it runs after a run that wrote, at most this often unless the run wrote a lot. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const SWEEP_MARK = 'last-sweep';
/** A temporary file this old belongs to a run that died before renaming it. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The id git gives the same bytes (`git hash-object`): sha1 of `blob <length>\0<bytes>`. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${String(bytes.length)}\0`).update(bytes).digest('hex');
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  for (const dirent of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, dirent.name);
    if (dirent.isDirectory()) found.push(...filesUnder(path));
    else if (dirent.isFile()) found.push(path);
  }
  return found.sort();
}

let digest: string | undefined;

/**
 * What else a file's result depends on besides its bytes and path: the schemas, the policy data, the tool version
 * and the build's code digest (the parser, the checks, the messages and their templates: a run from a git checkout
 * between releases keeps the version while the code changes). A change to any of them misses every entry.
 * `root` is the package's folder; another one only in tests.
 */
export function environmentDigest(root = packageRoot): string {
  if (root === packageRoot && digest !== undefined) return digest;
  const hash = createHash('sha256').update(`subproc ${version}\0${buildId(root)}\0`);
  for (const folder of ['schemas', join('policies', 'data')]) {
    for (const path of filesUnder(join(root, folder))) {
      hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
    }
  }
  const result = hash.digest('hex');
  if (root === packageRoot) digest = result;
  return result;
}

/**
 * Where the cache lives for a run started in `cwd`: SUBPROC_CACHE_DIR when set; `.subproc-cache/` at the root of
 * the enclosing git repository, next to the data it describes (and gitignored); else the user's cache folder.
 */
export function cacheLocation(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  if (env.SUBPROC_CACHE_DIR) return resolve(cwd, env.SUBPROC_CACHE_DIR);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return join(dir, CACHE_FOLDER);
    if (dirname(dir) === dir) break;
  }
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'subproc');
}

/** Whether the environment turns the cache off (SUBPROC_NO_CACHE=1, or any value but 0 and the empty string). */
export function cacheDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.SUBPROC_NO_CACHE;
  return value !== undefined && value !== '' && value !== '0';
}

/**
 * Whether JSON gives `value` back exactly: YAML numbers such as .inf, .nan and -0 do not survive JSON, nor would
 * a key JSON.parse treats apart. A result that would not is simply not cached.
 */
function jsonExact(value: unknown, absentFields = false): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => jsonExact(item, absentFields));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === '__proto__') return false;
    // A diagnostic's optional field left undefined reads the same when JSON drops it.
    if (inner === undefined && absentFields) continue;
    if (!jsonExact(inner, absentFields)) return false;
  }
  return true;
}

/** The stored form of a result: the data and the text of a valid file, or the diagnostics of one that is not. */
interface Body {
  readonly value?: Subprocessor;
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * An entry as written: a first line naming the layout, the entry's key and the SHA-256 of the rest, then the body
 * as JSON. Both are checked on every read; the body is parsed once, only after they match.
 */
const HEADER = `subproc-cache ${LAYOUT} `;

function parsed(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isBody(value: unknown): value is Body {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (!Array.isArray(record.diagnostics)) return false;
  // A valid file is stored with both its data and its text, never one without the other.
  return (record.value === undefined) === (record.text === undefined) && (record.text === undefined || typeof record.text === 'string');
}

export interface FileCacheOptions {
  /** The size bound in megabytes; the oldest entries go first once it is passed. */
  readonly maxMegabytes?: number;
  /** The digest entries are keyed with; environmentDigest() unless a test names another. */
  readonly environment?: string;
}

/** The cache kept in `folder` (created on first write). Nothing here throws: a cache that fails is a cache that misses. */
export function openFileCache(folder: string, options: FileCacheOptions = {}): FileCache {
  const root = join(folder, LAYOUT);
  const maxBytes = (options.maxMegabytes ?? DEFAULT_MAX_MB) * 1024 * 1024;
  const environment = options.environment ?? environmentDigest();
  let written = 0;

  const keyOf = (oid: string, file: string) => sha256(`${environment}\0${oid}\0${file}`);
  // One string hashed at once: an update per file was a call into the hash per file, 20,000 of them for a side.
  const packKeyOf = (files: readonly PackedFile[]) =>
    sha256(`${environment}\0pack\0${files.map(({ oid, file }) => `${oid}\0${file}`).join('\0')}`);
  const recordKeyOf = (name: string) => sha256(`${environment}\0record\0${name}`);
  const pathOf = (key: string, kind: Kind) => join(root, key.slice(0, 2), `${key.slice(2)}.${kind}`);
  // The text of each valid result this cache gave back or stored: what a pack keeps to rebuild the locator.
  const textOf = new WeakMap<FileResult, string>();

  /** The body stored under `key`, when the header names that key and the checksum matches. */
  function readBody(key: string, kind: Kind): string | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(pathOf(key, kind));
    } catch {
      return undefined;
    }
    // The checksum is of the body's bytes as written: hashed as read, before decoding (a pack is megabytes).
    const newline = bytes.indexOf(0x0a);
    if (newline < 0 || bytes.toString('latin1', 0, newline) !== `${HEADER}${key}`) return undefined;
    const end = bytes.indexOf(0x0a, newline + 1);
    if (end < 0) return undefined;
    const body = bytes.subarray(end + 1);
    if (createHash('sha256').update(body).digest('hex') !== bytes.toString('latin1', newline + 1, end)) return undefined;
    return body.toString('utf8');
  }

  /** The parsed body stored under `key`, when it checks out. */
  function readChecked(key: string, kind: Kind): unknown {
    return parsed(readBody(key, kind));
  }

  function resultOf(body: Body, file: string): FileResult {
    const diagnostics = body.diagnostics;
    if (body.value === undefined || body.text === undefined) return { diagnostics };
    const result = { loaded: { file, value: body.value, locate: lazyLocator(body.text) }, diagnostics };
    textOf.set(result, body.text);
    return result;
  }

  /** The stored form of a result, when JSON gives it back exactly and a valid file's text is known. */
  function bodyOf(result: FileResult, text: string | undefined): Body | undefined {
    if (result.loaded && text === undefined) return undefined;
    if (!jsonExact(result.loaded?.value ?? null) || !jsonExact(result.diagnostics, true)) return undefined;
    return result.loaded ? { value: result.loaded.value, text, diagnostics: result.diagnostics } : { diagnostics: result.diagnostics };
  }

  function write(key: string, kind: Kind, body: string): void {
    const serialized = `${HEADER}${key}\n${sha256(body)}\n${body}`;
    const path = pathOf(key, kind);
    // Written whole under a name of its own, then renamed: a concurrent reader sees the old entry or the new one.
    const temp = `${path}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (!existsSync(root)) ignoredByGit(folder);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temp, serialized);
      renameSync(temp, path);
      written += serialized.length;
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
    }
  }

  function lookup(oid: string, file: string): FileResult | undefined {
    const parsed = readChecked(keyOf(oid, file), 'entry');
    return isBody(parsed) ? resultOf(parsed, file) : undefined;
  }

  function store(oid: string, file: string, result: FileResult, text: string | undefined): void {
    if (text !== undefined && result.loaded) textOf.set(result, text);
    const body = bodyOf(result, text);
    if (body) write(keyOf(oid, file), 'entry', JSON.stringify(body));
  }

  // A pack is a JSON index, a newline (JSON never writes one raw), then the valid files' texts one after the other:
  // the index gives each text's length. Parsing the texts as JSON strings was half of a warm run's pack time, and
  // a run reads a text only to locate a finding in that file.
  function lookupPack(files: readonly PackedFile[]): Map<string, FileResult> | undefined {
    const body = readBody(packKeyOf(files), 'pack');
    const split = body?.indexOf('\n') ?? -1;
    if (body === undefined || split < 0) return undefined;
    const index = parsed(body.slice(0, split));
    // The key already names the list; the pack says it again, so a pack under another's name is refused.
    if (!Array.isArray(index) || index.length !== files.length) return undefined;
    const results = new Map<string, FileResult>();
    let offset = split + 1;
    for (const [position, { oid, file }] of files.entries()) {
      const item: unknown = index[position];
      if (!Array.isArray(item) || item.length !== 4 || item[0] !== file || item[1] !== oid) return undefined;
      const [, , stored, length] = item as unknown[];
      if (typeof stored !== 'object' || stored === null) return undefined;
      const { value, diagnostics } = stored as Partial<Record<keyof Body, unknown>>;
      if (!Array.isArray(diagnostics)) return undefined;
      // A valid file has its data and a text; one that is not has neither (as isBody holds an entry to).
      if (length === null && value === undefined) {
        results.set(file, { diagnostics: diagnostics as Diagnostic[] });
        continue;
      }
      if (!Number.isInteger(length) || (length as number) < 0 || value === undefined || offset + (length as number) > body.length) return undefined;
      const text = body.slice(offset, offset + (length as number));
      offset += length as number;
      results.set(file, resultOf({ value: value as Subprocessor, text, diagnostics: diagnostics as Diagnostic[] }, file));
    }
    return offset === body.length ? results : undefined;
  }

  function storePack(files: readonly PackedFile[], results: ReadonlyMap<string, FileResult>): void {
    const items: [string, string, Omit<Body, 'text'>, number | null][] = [];
    const texts: string[] = [];
    for (const { oid, file } of files) {
      const result = results.get(file);
      const body = result && bodyOf(result, textOf.get(result));
      if (!body) return;
      const { text, ...rest } = body;
      items.push([file, oid, rest, text === undefined ? null : text.length]);
      if (text !== undefined) texts.push(text);
    }
    write(packKeyOf(files), 'pack', `${JSON.stringify(items)}\n${texts.join('')}`);
  }

  function lookupRecord(name: string): unknown {
    return readChecked(recordKeyOf(name), 'record');
  }

  function storeRecord(name: string, value: unknown): void {
    if (jsonExact(value, true)) write(recordKeyOf(name), 'record', JSON.stringify(value));
  }

  function sweep(): void {
    const mark = join(root, SWEEP_MARK);
    const now = Date.now();
    let last = 0;
    try {
      last = statSync(mark).mtimeMs;
    } catch {
      // Never swept.
    }
    if (now - last < SWEEP_INTERVAL_MS && written < maxBytes / 16) return;
    try {
      writeFileSync(mark, '');
    } catch {
      return;
    }
    const entries: { path: string; size: number; mtime: number }[] = [];
    let total = 0;
    for (const path of filesUnder(root)) {
      if (path === mark) continue;
      let info;
      try {
        info = statSync(path);
      } catch {
        continue;
      }
      if (path.endsWith('.tmp')) {
        if (now - info.mtimeMs > STALE_TEMP_MS) tryRemove(path);
        continue;
      }
      entries.push({ path, size: info.size, mtime: info.mtimeMs });
      total += info.size;
    }
    if (total <= maxBytes) return;
    // Down to 80% of the bound, so the next runs do not sweep again at once.
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const entry of entries) {
      if (total <= maxBytes * 0.8) break;
      if (tryRemove(entry.path)) total -= entry.size;
    }
  }

  return {
    lookup,
    store,
    lookupPack,
    storePack,
    lookupRecord,
    storeRecord,
    close() {
      if (written > 0) sweep();
    },
  };
}

/**
 * A folder inside a repository that has not listed it in .gitignore (no `subproc init`) would show in `git status`
 * and could be committed: the folder ignores itself, as other tools' caches do.
 */
function ignoredByGit(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, '.gitignore');
  if (!existsSync(file)) writeFileSync(file, '# subproc\'s file cache (docs/cache.md): never committed.\n*\n');
}

function tryRemove(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
