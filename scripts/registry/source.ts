/** One entry of a registry as a source lists it, before anything is read. */
export interface SourceEntry {
  /** Path relative to the repository (or working directory) root, with forward slashes: what diagnostics print. */
  readonly file: string;
  /** Path relative to the registry folder. */
  readonly relative: string;
  readonly kind: 'file' | 'directory' | 'symlink-outside' | 'broken-symlink' | 'other';
  /** Bytes, when the listing tells; a folder source learns it on opening the file (see FileTooLarge). */
  readonly size?: number;
  /** For a symbolic link: where it points, as written. */
  readonly target?: string;
  /** The content's git object id, when the source is git: equal ids mean equal bytes. */
  readonly oid?: string;
}

/**
 * Where a registry is read from: a folder on disk or a git tree. The loader only sees this interface, so the
 * pull-request job can evaluate a branch's data without checking it out.
 */
export interface RegistrySource {
  /** What the user named: a folder, or REF:folder. */
  readonly label: string;
  /** Entries of the registry folder and of its subprocessors/ folder; undefined when the registry folder is missing. */
  list(): Promise<SourceEntry[] | undefined>;
  read(entry: SourceEntry): Promise<Uint8Array>;
  /**
   * Reads several entries at once, where the source can do that faster than one by one, handing over each
   * entry's bytes (in order) as soon as they are there.
   */
  readMany?(entries: readonly SourceEntry[], each: (index: number, bytes: Uint8Array) => void): Promise<void>;
  /**
   * For a work-tree folder in a git repository: the blob ids of the files under `within` (a relative folder) that
   * git's index says are unchanged, by relative path; a file found in a cache by this id need not be read.
   */
  indexedIds?(within: string): Promise<ReadonlyMap<string, string>>;
  /** How diagnostics name a path inside the registry folder, present or not. */
  fileOf(relative: string): string;
}

/** What went wrong with a source, for code that must tell one failure from another without reading prose. */
export type SourceProblem =
  | 'no-registry'
  | 'not-a-folder'
  | 'not-a-repository'
  | 'unknown-ref'
  | 'no-merge-base'
  | 'git-failed'
  | 'missing-object';

/** Raised for problems with the environment or the command (a missing folder, an unknown git ref): exit code 2. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceProblem,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Raised by a source's read for a file over the size cap, found before any byte of it is read. */
export class FileTooLarge extends Error {
  constructor(readonly size: number) {
    super(`file of ${String(size)} bytes`);
    this.name = 'FileTooLarge';
  }
}
