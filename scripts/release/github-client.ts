import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { components } from '@octokit/openapi-types';
// A dependency of @octokit/plugin-throttling; imported to build write limiters with a configurable spacing.
import Bottleneck from 'bottleneck';

/** The fields of a GitHub release the publisher reads. */
export type Release = Pick<
  components['schemas']['release'],
  'id' | 'tag_name' | 'draft' | 'prerelease' | 'html_url' | 'upload_url' | 'target_commitish'
>;

/** The fields of a release asset the publisher reads. */
export type ReleaseAsset = Pick<components['schemas']['release-asset'], 'id' | 'name' | 'state' | 'size' | 'digest'>;

/**
 * How long the client waits before retrying. Production uses GitHub's pacing; tests shrink every wait to
 * milliseconds so fault-injection cases stay fast.
 */
export interface ClientTimings {
  /** Retries of a request that failed with a 5xx or a network error. */
  retries: number;
  /** plugin-retry waits (attempt + 1)² × this many ms. */
  retryBaseMs: number;
  /** Retries of a request refused by a primary or secondary rate limit. */
  rateLimitRetries: number;
  /** Milliseconds per second of the wait GitHub asks for (Retry-After, X-RateLimit-Reset). */
  rateLimitBaseMs: number;
  /** A rate limit asking for a longer wait fails instead: a CI job should not sleep for an hour. */
  maxRateLimitWaitSeconds: number;
  /** Minimum spacing between writes; undefined keeps plugin-throttling's GitHub-recommended pacing (1 s, 3 s). */
  writeSpacingMs?: number;
}

export const productionTimings: ClientTimings = {
  retries: 3,
  retryBaseMs: 1000,
  rateLimitRetries: 2,
  rateLimitBaseMs: 1000,
  maxRateLimitWaitSeconds: 300,
};

/** What every GitHub client of subproc is made from: see createOctokit. */
export interface OctokitOptions {
  /** Without one, requests are anonymous (enough to read a public repository's releases). */
  token?: string;
  baseUrl?: string;
  timings?: Partial<ClientTimings>;
  /** Receives lines already stripped of the token. */
  log?: (line: string) => void;
}

export interface GitHubClientOptions extends OctokitOptions {
  owner: string;
  repo: string;
}

export interface CreateDraftParams {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
  targetCommitish?: string;
}

export interface PublishParams {
  tag: string;
  prerelease: boolean;
  /** Whether …/releases/latest moves to this release: only for the highest version published (never a prerelease). */
  makeLatest: boolean;
  targetCommitish?: string;
}

export type UploadOutcome = 'uploaded' | 'already_exists';

const ReleaseOctokit = Octokit.plugin(retry, throttling);

/** The HTTP status of a failed Octokit request, or undefined for any other error. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** True for GitHub's 422 `{ errors: [{ code: 'already_exists' }] }`, the answer to a duplicate create or upload. */
export function isAlreadyExists(error: unknown): boolean {
  if (statusOf(error) !== 422 || typeof error !== 'object' || error === null || !('response' in error)) return false;
  const data = dataOf(error.response);
  if (typeof data !== 'object' || data === null || !('errors' in data) || !Array.isArray(data.errors)) return false;
  return data.errors.some(
    (entry: unknown) => typeof entry === 'object' && entry !== null && 'code' in entry && entry.code === 'already_exists',
  );
}

/** GitHub's own message from an error response, when there is one. */
export function gitHubMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const data = dataOf(error.response);
  if (typeof data !== 'object' || data === null || !('message' in data)) return undefined;
  return typeof data.message === 'string' ? data.message : undefined;
}

function dataOf(response: unknown): unknown {
  return typeof response === 'object' && response !== null && 'data' in response ? response.data : undefined;
}

/** The upload URL without its RFC 6570 `{?name,label}` suffix. */
export function uploadTarget(uploadUrl: string): string {
  return uploadUrl.replace(/\{[^}]*\}$/, '');
}

/** Replaces every occurrence of the token so no log line can carry it. */
export function redactor(token: string): (line: string) => string {
  return (line) => (token === '' ? line : line.split(token).join('***'));
}

/** Keeps only the fields the publisher reads, so responses from any openapi-types version fit. */
function toRelease(release: Release): Release {
  const { id, tag_name, draft, prerelease, html_url, upload_url, target_commitish } = release;
  return { id, tag_name, draft, prerelease, html_url, upload_url, target_commitish };
}

function toAsset(asset: ReleaseAsset): ReleaseAsset {
  const { id, name, state, size, digest } = asset;
  return { id, name, state, size, digest };
}

/**
 * The one factory of GitHub clients: retries on 5xx and network errors, waits out rate limits (within bounds), and
 * logs only through `log`, with the token redacted. Every GitHub request subproc makes goes through a client made
 * here.
 */
export function createOctokit(options: OctokitOptions): Octokit {
  const timings: ClientTimings = { ...productionTimings, ...options.timings };
  const log = options.log ?? (() => undefined);
  const redact = redactor(options.token ?? '');
  const onLimit =
    (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryAfter > timings.maxRateLimitWaitSeconds || retryCount >= timings.rateLimitRetries) {
        log(redact(`github: ${kind} on ${request.method} ${request.url}; giving up`));
        return false;
      }
      log(redact(`github: ${kind} on ${request.method} ${request.url}; retrying in ${retryAfter}s`));
      return true;
    };
  const spacing = timings.writeSpacingMs;
  return new ReleaseOctokit({
    ...(options.token ? { auth: options.token } : {}),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
    userAgent: 'subproc-publisher',
    // debug receives the request options, headers included: it must never reach a log.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (line: string) => {
        log(redact(line));
      },
      error: (line: string) => {
        log(redact(`github: ${line}`));
      },
    },
    retry: {
      retries: timings.retries,
      retryAfterBaseValue: timings.retryBaseMs,
      // 429 belongs to the throttling plugin; 422 is an answer (already_exists), not a transient failure.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: timings.rateLimitBaseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(spacing === undefined
        ? {}
        : {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacing }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacing }),
          }),
    },
  });
}

/** The release endpoints the publisher uses, on one repository, with retries and throttling built in. */
export class GitHubReleases {
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(options: GitHubClientOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.octokit = createOctokit(options);
  }

  /** The release …/releases/latest points at, with its assets; undefined before the first one. */
  async latestRelease(): Promise<{ release: Release; assets: ReleaseAsset[] } | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getLatestRelease({ owner: this.owner, repo: this.repo });
      return { release: toRelease(data), assets: data.assets.map(toAsset) };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Every release, drafts included: the by-tag endpoint does not return drafts. */
  async listReleases(): Promise<Release[]> {
    const releases = await this.octokit.paginate(this.octokit.rest.repos.listReleases, {
      owner: this.owner,
      repo: this.repo,
      per_page: 100,
    });
    return releases.map(toRelease);
  }

  async createDraft(params: CreateDraftParams): Promise<Release> {
    const { data } = await this.octokit.rest.repos.createRelease({
      owner: this.owner,
      repo: this.repo,
      tag_name: params.tag,
      name: params.name,
      body: params.body,
      draft: true,
      prerelease: params.prerelease,
      ...(params.targetCommitish === undefined ? {} : { target_commitish: params.targetCommitish }),
    });
    return toRelease(data);
  }

  async publish(releaseId: number, params: PublishParams): Promise<Release> {
    const { data } = await this.octokit.rest.repos.updateRelease({
      owner: this.owner,
      repo: this.repo,
      release_id: releaseId,
      tag_name: params.tag,
      draft: false,
      prerelease: params.prerelease,
      // …/releases/latest/download/… must serve the highest version: never a prerelease, never an older version
      // published after a newer one. GitHub's default ("true") would move it to whatever was published last.
      make_latest: params.makeLatest && !params.prerelease ? 'true' : 'false',
      ...(params.targetCommitish === undefined ? {} : { target_commitish: params.targetCommitish }),
    });
    return toRelease(data);
  }

  /** Deleting something already gone is success: a retried DELETE answers 404. */
  async deleteRelease(releaseId: number): Promise<void> {
    await ignoreNotFound(this.octokit.rest.repos.deleteRelease({ owner: this.owner, repo: this.repo, release_id: releaseId }));
  }

  async listAssets(releaseId: number): Promise<ReleaseAsset[]> {
    const assets = await this.octokit.paginate(this.octokit.rest.repos.listReleaseAssets, {
      owner: this.owner,
      repo: this.repo,
      release_id: releaseId,
      per_page: 100,
    });
    return assets.map(toAsset);
  }

  /**
   * Uploads to the release's own upload_url: uploadReleaseAsset otherwise targets uploads.github.com whatever the
   * client's baseUrl. A name already taken (someone else's upload, or our retried POST that had landed) is reported,
   * not thrown: the caller verifies what is there.
   */
  async uploadAsset(release: Release, name: string, bytes: Buffer, contentType = 'application/octet-stream'): Promise<UploadOutcome> {
    try {
      await this.octokit.rest.repos.uploadReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        release_id: release.id,
        name,
        url: `${uploadTarget(release.upload_url)}{?name}`,
        // The generated type says string because the OpenAPI body is "binary"; Octokit sends a Buffer as is.
        data: bytes as unknown as string,
        headers: { 'content-type': contentType },
      });
      return 'uploaded';
    } catch (error) {
      if (isAlreadyExists(error)) return 'already_exists';
      throw error;
    }
  }

  async deleteAsset(assetId: number): Promise<void> {
    await ignoreNotFound(this.octokit.rest.repos.deleteReleaseAsset({ owner: this.owner, repo: this.repo, asset_id: assetId }));
  }

  /** The asset's bytes, through the API URL (which redirects to storage), so drafts can be read too. */
  async downloadAsset(assetId: number): Promise<Buffer> {
    const response = await this.octokit.rest.repos.getReleaseAsset({
      owner: this.owner,
      repo: this.repo,
      asset_id: assetId,
      headers: { accept: 'application/octet-stream' },
    });
    const data: unknown = response.data;
    if (data instanceof ArrayBuffer) return Buffer.from(data);
    if (data instanceof Uint8Array) return Buffer.from(data);
    throw new Error(`downloading asset ${assetId} did not return bytes`);
  }
}

async function ignoreNotFound(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}
