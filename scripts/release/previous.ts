import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release } from '../generated/release.js';
import { validatorFor } from '../registry/schemas.js';
import { FEED_FILE, RELEASE_FILE } from './artefacts.js';
import { readReleaseFolder } from './folder.js';
import { carriedFeed, type JsonFeed } from './feed.js';

export class PreviousReleaseError extends Error {}

export function parseReleaseDocument(text: string, where: string): Release {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PreviousReleaseError(`${where} is not JSON`);
  }
  if (!validatorFor('release')(doc)) throw new PreviousReleaseError(`${where} is not a release document (schemas/release.schema.json)`);
  return doc as Release;
}

/** Where a warning about the previous release goes (the command's stderr). */
export type Warn = (message: string) => void;

/**
 * The previous feed as the next one may carry it (feed.ts carriedFeed): rebuilt from its text, unsigned as it is.
 * Each item left out is reported through `warn`, naming `where` and the item's index.
 */
export function parsePreviousFeed(text: string | undefined, where: string, warn: Warn): JsonFeed | undefined {
  if (text === undefined) return undefined;
  let carried: ReturnType<typeof carriedFeed>;
  try {
    carried = carriedFeed(JSON.parse(text));
  } catch {
    return undefined;
  }
  for (const { index, reason } of carried?.dropped ?? []) warn(`warning: ${where}: items[${index}] is left out of the new feed: ${reason}`);
  return carried?.feed;
}

/** --previous PATH: a release folder (its subprocessors.json and feed.json) or the release document alone. */
export async function readPreviousRelease(path: string, warn: Warn): Promise<{ doc: Release; feed?: JsonFeed }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new PreviousReleaseError(`${path} does not exist`);
  if (!info.isDirectory()) return { doc: parseReleaseDocument(await readFile(path, 'utf8'), path) };
  const { files } = await readReleaseFolder(path);
  const doc = parseReleaseDocument(files.get(RELEASE_FILE)?.toString('utf8') ?? '', join(path, RELEASE_FILE));
  const feed = parsePreviousFeed(files.get(FEED_FILE)?.toString('utf8'), join(path, FEED_FILE), warn);
  return feed ? { doc, feed } : { doc };
}
