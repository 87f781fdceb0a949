import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTEFACT_NAMES, isArtefactName, withChecksums, type ArtefactName, type ReleaseFiles } from './artefacts.js';

/**
 * The one reader and writer of a release folder (dist/). Only the table's files are read, written or removed;
 * anything else in the folder is someone else's and is left alone.
 */

export interface ReleaseFolderContents {
  /** The table's files present in the folder, in table order. */
  readonly files: ReleaseFiles;
  /** Other entries of the folder, sorted: never read, written, removed or uploaded. */
  readonly strays: readonly string[];
}

/** Reads the table's files from a folder. A folder that cannot be listed throws the file system's error. */
export async function readReleaseFolder(dir: string): Promise<ReleaseFolderContents> {
  const entries = await readdir(dir, { withFileTypes: true });
  const present = new Set<ArtefactName>();
  const strays: string[] = [];
  for (const entry of entries) {
    if (isArtefactName(entry.name) && entry.isFile()) present.add(entry.name);
    else strays.push(entry.name);
  }
  const files = new Map<ArtefactName, Buffer>();
  for (const name of ARTEFACT_NAMES) if (present.has(name)) files.set(name, await readFile(join(dir, name)));
  return { files, strays: strays.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/**
 * Writes a new release, first removing the table's files of an older one (its signature above all, which would not
 * match the new document). SHA256SUMS is computed from the files written. Returns exactly what the folder now holds
 * of the release.
 */
export async function writeReleaseFolder(out: string, files: ReleaseFiles): Promise<ReleaseFiles> {
  const sealed = withChecksums(files);
  await mkdir(out, { recursive: true });
  for (const name of ARTEFACT_NAMES) if (!sealed.has(name)) await rm(join(out, name), { force: true });
  for (const [name, bytes] of sealed) await writeFile(join(out, name), bytes);
  return sealed;
}

/**
 * Brings a release read from the folder to `after` (a signature added, say), writing only the files that changed
 * and SHA256SUMS recomputed over the result. Returns what the folder now holds of the release.
 */
export async function updateReleaseFolder(out: string, before: ReleaseFiles, after: ReleaseFiles): Promise<ReleaseFiles> {
  const sealed = withChecksums(after);
  for (const name of before.keys()) if (!sealed.has(name)) await rm(join(out, name), { force: true });
  for (const [name, bytes] of sealed) if (!before.get(name)?.equals(bytes)) await writeFile(join(out, name), bytes);
  return sealed;
}
