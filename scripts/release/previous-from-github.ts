import { Octokit } from '@octokit/rest';
import type { Release } from '../generated/release.js';
import { RELEASE_FILE } from './build.js';
import type { JsonFeed } from './feed.js';
import { parsePreviousFeed, parseReleaseDocument } from './previous.js';

export interface GitHubRepo {
  readonly owner: string;
  readonly repo: string;
  readonly token?: string;
  readonly baseUrl?: string;
}

/** The latest published release's document and feed, or undefined before the first release. */
export async function fetchPreviousFromGitHub(target: GitHubRepo): Promise<{ doc: Release; feed?: JsonFeed } | undefined> {
  const octokit = new Octokit({ ...(target.token ? { auth: target.token } : {}), ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}) });
  let latest;
  try {
    latest = await octokit.rest.repos.getLatestRelease({ owner: target.owner, repo: target.repo });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  const download = async (name: string): Promise<string | undefined> => {
    const asset = latest.data.assets.find((a) => a.name === name);
    if (!asset) return undefined;
    const response = await octokit.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
      owner: target.owner,
      repo: target.repo,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' },
    });
    return Buffer.from(response.data as unknown as ArrayBuffer).toString('utf8');
  };
  const docText = await download(RELEASE_FILE);
  if (docText === undefined) throw new Error(`the latest release ${latest.data.tag_name} has no ${RELEASE_FILE}`);
  const doc = parseReleaseDocument(docText, `${latest.data.tag_name}/${RELEASE_FILE}`);
  const feed = parsePreviousFeed(await download('feed.json'));
  return feed ? { doc, feed } : { doc };
}
