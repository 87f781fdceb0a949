import type { Release } from '../generated/release.js';
import { FEED_FILE, RELEASE_FILE } from './artefacts.js';
import type { JsonFeed } from './feed.js';
import { GitHubReleases, type ClientTimings } from './github-client.js';
import { parsePreviousFeed, parseReleaseDocument } from './previous.js';

export interface GitHubRepo {
  readonly owner: string;
  readonly repo: string;
  readonly token?: string;
  readonly baseUrl?: string;
  /** Retry and rate-limit notices, already stripped of the token. */
  readonly log?: (line: string) => void;
  /** Retry and throttle waits; tests shrink them. */
  readonly timings?: Partial<ClientTimings>;
}

/** The latest published release's document and feed, or undefined before the first release. */
export async function fetchPreviousFromGitHub(target: GitHubRepo): Promise<{ doc: Release; feed?: JsonFeed } | undefined> {
  // The same client as publish: retries, rate limits waited out, the token never in a log line.
  const api = new GitHubReleases({
    owner: target.owner,
    repo: target.repo,
    ...(target.token ? { token: target.token } : {}),
    ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}),
    ...(target.log ? { log: target.log } : {}),
    ...(target.timings ? { timings: target.timings } : {}),
  });
  const latest = await api.latestRelease();
  if (!latest) return undefined;
  const tag = latest.release.tag_name;
  const download = async (name: string): Promise<string | undefined> => {
    const asset = latest.assets.find((a) => a.name === name);
    return asset ? (await api.downloadAsset(asset.id)).toString('utf8') : undefined;
  };
  const docText = await download(RELEASE_FILE);
  if (docText === undefined) throw new Error(`the latest release ${tag} has no ${RELEASE_FILE}`);
  const doc = parseReleaseDocument(docText, `${tag}/${RELEASE_FILE}`);
  const feed = parsePreviousFeed(await download(FEED_FILE), `${tag}/${FEED_FILE}`, target.log ?? (() => undefined));
  return feed ? { doc, feed } : { doc };
}
