import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';

/**
 * A stand-in for the GitHub Releases API on 127.0.0.1: just the endpoints the publisher uses, with GitHub's
 * response shapes and errors, and hooks to inject faults. Each request is handled atomically (the body is read
 * first, then one synchronous step), like a database transaction on GitHub's side.
 */

export type Release = components['schemas']['release'];
export type ReleaseAsset = components['schemas']['release-asset'];
type SimpleUser = components['schemas']['simple-user'];

export interface Fault {
  method: string;
  /** Tested against the path and query string, e.g. /name=feed\.json/. A string matches as a substring. */
  pathPattern: RegExp | string;
  /** How many matching requests still get the fault; decremented, so a test can check it was consumed. */
  times: number;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Perform the request for real, then answer with the fault: the answer is lost, the effect is not. */
  afterEffect?: boolean;
  /** Upload only: store the first half of the bytes as an asset in state "open", then answer with the fault. */
  partialUpload?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
  faulted: boolean;
  /** The parsed JSON body, for requests that sent one. */
  json?: unknown;
}

export interface StandinOptions {
  owner?: string;
  repo?: string;
  token?: string;
  /** GitHub fills `digest` on assets uploaded since mid-2025; older assets have null. */
  digests?: boolean;
  /** GitHub accepts several drafts with one tag; 'reject' answers 422 already_exists instead. */
  duplicateDrafts?: 'allow' | 'reject';
  /** Caps per_page, to exercise pagination with few items. */
  maxPerPage?: number;
  /** Milliseconds to wait before handling each request, to interleave concurrent clients. */
  latency?: () => number;
}

export interface SeedAsset {
  name: string;
  bytes: Buffer;
  state?: ReleaseAsset['state'];
  /** Overrides the stored digest (null for an asset from before GitHub computed digests). */
  digest?: string | null;
}

export interface SeedRelease {
  tag_name: string;
  draft: boolean;
  prerelease?: boolean;
  /** Published with make_latest "true": …/releases/latest points at it (ignored for drafts and prereleases). */
  latest?: boolean;
  target_commitish?: string;
  assets?: SeedAsset[];
}

interface StoredAsset {
  asset: ReleaseAsset;
  bytes: Buffer;
  releaseId: number;
}

interface StoredRelease {
  release: Omit<Release, 'assets'>;
  assetIds: number[];
}

interface Reply {
  status: number;
  json?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

interface Context {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const DOCS = 'https://docs.github.com/rest/releases';

const BOT: SimpleUser = {
  login: 'release-bot',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/release-bot',
  html_url: 'https://github.com/apps/release-bot',
  followers_url: 'https://api.github.com/users/release-bot/followers',
  following_url: 'https://api.github.com/users/release-bot/following{/other_user}',
  gists_url: 'https://api.github.com/users/release-bot/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/release-bot/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/release-bot/subscriptions',
  organizations_url: 'https://api.github.com/users/release-bot/orgs',
  repos_url: 'https://api.github.com/users/release-bot/repos',
  events_url: 'https://api.github.com/users/release-bot/events{/privacy}',
  received_events_url: 'https://api.github.com/users/release-bot/received_events',
  type: 'Bot',
  site_admin: false,
};

export function gitHubError(status: number, message: string, errors?: { resource: string; code: string; field: string }[]): Reply {
  return { status, json: { message, documentation_url: DOCS, ...(errors === undefined ? {} : { errors }) } };
}

const notFound = (): Reply => gitHubError(404, 'Not Found');
const alreadyExists = (resource: string, field: string): Reply =>
  gitHubError(422, 'Validation Failed', [{ resource, code: 'already_exists', field }]);

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const value: unknown = JSON.parse(body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const optionalBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

export class ReleasesStandin {
  readonly faults: Fault[] = [];
  readonly requests: RecordedRequest[] = [];
  /** The release …/releases/latest points at. */
  latestReleaseId: number | undefined;

  private readonly store = new Map<number, StoredRelease>();
  private readonly assets = new Map<number, StoredAsset>();
  private nextId = 1000;
  private clock = Date.UTC(2025, 5, 1);

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: Required<Omit<StandinOptions, 'latency'>> & Pick<StandinOptions, 'latency'>,
  ) {}

  static async start(options: StandinOptions = {}): Promise<ReleasesStandin> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standin = new ReleasesStandin(server, `http://127.0.0.1:${port}`, {
      owner: options.owner ?? 'acme',
      repo: options.repo ?? 'subprocessors',
      token: options.token ?? 'test-token',
      digests: options.digests ?? true,
      duplicateDrafts: options.duplicateDrafts ?? 'allow',
      maxPerPage: options.maxPerPage ?? 100,
      latency: options.latency,
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void standin.serve(request, response);
    });
    return standin;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Every release, oldest first, as the API would render it. */
  releases(): Release[] {
    return [...this.store.values()].sort((a, b) => a.release.id - b.release.id).map((stored) => this.render(stored));
  }

  assetBytes(assetId: number): Buffer {
    const stored = this.assets.get(assetId);
    if (!stored) throw new Error(`no asset ${assetId}`);
    return stored.bytes;
  }

  /** Puts a release in place as an earlier run (or a person) would have left it. */
  seedRelease(seed: SeedRelease): Release {
    const stored = this.newRelease(seed.tag_name, seed.draft, seed.target_commitish ?? 'main', seed.prerelease ?? false);
    for (const asset of seed.assets ?? []) {
      const created = this.newAsset(stored, asset.name, asset.bytes, asset.state ?? 'uploaded');
      if (asset.digest !== undefined) created.asset.digest = asset.digest;
    }
    if (seed.latest === true && !seed.draft) this.markLatest(stored, 'true');
    return this.render(stored);
  }

  /** Deletes an asset behind the API's back, e.g. to make a published release incomplete. */
  removeAsset(assetId: number): void {
    this.dropAsset(assetId);
  }

  /** Requests that change state. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD');
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const context: Context = {
      method: request.method ?? 'GET',
      url: new URL(request.url ?? '/', this.url),
      headers: request.headers,
      body: await readBody(request),
    };
    const delay = this.options.latency?.() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const { reply, faulted } = this.answer(context);
    this.requests.push({
      method: context.method,
      path: context.url.pathname + context.url.search,
      status: reply.status,
      faulted,
      ...(context.headers['content-type']?.startsWith('application/json') ? { json: safeJson(context.body) } : {}),
    });
    send(response, reply);
  }

  private answer(context: Context): { reply: Reply; faulted: boolean } {
    if (this.needsAuth(context.url.pathname) && !this.authorized(context.headers.authorization)) {
      return { reply: gitHubError(401, 'Bad credentials'), faulted: false };
    }
    const fault = this.takeFault(context);
    if (!fault) return { reply: this.handle(context), faulted: false };
    if (fault.afterEffect) this.handle(context);
    if (fault.partialUpload) this.storePartialUpload(context);
    return {
      reply: { status: fault.status, json: fault.body ?? defaultFaultBody(fault.status), headers: fault.headers ?? {} },
      faulted: true,
    };
  }

  private needsAuth(pathname: string): boolean {
    return pathname.startsWith('/repos/') || pathname.startsWith('/uploads/');
  }

  private authorized(header: string | undefined): boolean {
    const token = this.options.token;
    return header === `token ${token}` || header === `bearer ${token}` || header === `Bearer ${token}`;
  }

  private takeFault(context: Context): Fault | undefined {
    const target = context.url.pathname + context.url.search;
    const fault = this.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        candidate.method.toUpperCase() === context.method &&
        (typeof candidate.pathPattern === 'string' ? target.includes(candidate.pathPattern) : candidate.pathPattern.test(target)),
    );
    if (fault) fault.times -= 1;
    return fault;
  }

  private handle(context: Context): Reply {
    const repoPath = `/repos/${this.options.owner}/${this.options.repo}`;
    const webPath = `/${this.options.owner}/${this.options.repo}`;
    const path = context.url.pathname;
    const method = context.method;
    let match: RegExpExecArray | null;
    if (path === `${repoPath}/releases`) {
      if (method === 'GET') return this.page(context, this.releasesNewestFirst());
      if (method === 'POST') return this.createRelease(parseJson(context.body));
    }
    if (path === `${repoPath}/releases/latest` && method === 'GET') {
      // GitHub answers 404 until a release is published and marked latest.
      const latest = this.latestReleaseId;
      return latest === undefined ? gitHubError(404, 'Not Found') : this.getRelease(latest);
    }
    if ((match = new RegExp(`^${repoPath}/releases/(\\d+)$`).exec(path))) {
      const id = Number(match[1]);
      if (method === 'GET') return this.getRelease(id);
      if (method === 'PATCH') return this.updateRelease(id, parseJson(context.body));
      if (method === 'DELETE') return this.deleteRelease(id);
    }
    if ((match = new RegExp(`^${repoPath}/releases/(\\d+)/assets$`).exec(path)) && method === 'GET') {
      const stored = this.store.get(Number(match[1]));
      return stored ? this.page(context, this.assetsOf(stored)) : notFound();
    }
    if ((match = new RegExp(`^${repoPath}/releases/assets/(\\d+)$`).exec(path))) {
      const id = Number(match[1]);
      if (method === 'GET') return this.getAsset(id, context.headers.accept ?? '');
      if (method === 'DELETE') return this.deleteAsset(id);
    }
    if ((match = new RegExp(`^/uploads${repoPath}/releases/(\\d+)/assets$`).exec(path)) && method === 'POST') {
      return this.upload(Number(match[1]), context);
    }
    if ((match = /^\/_storage\/(\d+)$/.exec(path)) && method === 'GET') return this.storage(Number(match[1]));
    if ((match = new RegExp(`^${webPath}/releases/latest/download/([^/]+)$`).exec(path)) && method === 'GET') {
      return this.downloadByTag(this.latestReleaseId, decodeURIComponent(match[1] ?? ''));
    }
    if ((match = new RegExp(`^${webPath}/releases/download/([^/]+)/([^/]+)$`).exec(path)) && method === 'GET') {
      const tag = decodeURIComponent(match[1] ?? '');
      const release = this.releasesNewestFirst().find((candidate) => !candidate.draft && candidate.tag_name === tag);
      return this.downloadByTag(release?.id, decodeURIComponent(match[2] ?? ''));
    }
    return notFound();
  }

  private createRelease(body: Record<string, unknown>): Reply {
    const tag = optionalString(body.tag_name);
    if (tag === undefined || tag === '')
      return gitHubError(422, 'Validation Failed', [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }]);
    const draft = optionalBoolean(body.draft) ?? false;
    if (!validMakeLatest(body.make_latest)) return invalidMakeLatest();
    const sameTag = [...this.store.values()].filter((stored) => stored.release.tag_name === tag);
    if (sameTag.some((stored) => !stored.release.draft) || (draft && this.options.duplicateDrafts === 'reject' && sameTag.length > 0)) {
      return alreadyExists('Release', 'tag_name');
    }
    const stored = this.newRelease(tag, draft, optionalString(body.target_commitish) ?? 'main', optionalBoolean(body.prerelease) ?? false);
    stored.release.name = optionalString(body.name) ?? null;
    stored.release.body = optionalString(body.body) ?? null;
    if (!draft) this.markLatest(stored, optionalString(body.make_latest));
    return { status: 201, json: this.render(stored) };
  }

  private getRelease(id: number): Reply {
    const stored = this.store.get(id);
    return stored ? { status: 200, json: this.render(stored) } : notFound();
  }

  private updateRelease(id: number, body: Record<string, unknown>): Reply {
    const stored = this.store.get(id);
    if (!stored) return notFound();
    if (!validMakeLatest(body.make_latest)) return invalidMakeLatest();
    const release = stored.release;
    const tag = optionalString(body.tag_name) ?? release.tag_name;
    const draft = optionalBoolean(body.draft) ?? release.draft;
    // The one rule GitHub enforces that keeps publishing safe: one published release per tag.
    const clash = [...this.store.values()].some((other) => other !== stored && !other.release.draft && other.release.tag_name === tag);
    if (!draft && clash) return alreadyExists('Release', 'tag_name');
    const wasDraft = release.draft;
    release.tag_name = tag;
    release.draft = draft;
    release.target_commitish = optionalString(body.target_commitish) ?? release.target_commitish;
    release.prerelease = optionalBoolean(body.prerelease) ?? release.prerelease;
    release.updated_at = this.tick();
    if (wasDraft && !draft) {
      release.published_at = this.tick();
      this.refreshUrls(stored);
    }
    if (!draft) this.markLatest(stored, optionalString(body.make_latest));
    return { status: 200, json: this.render(stored) };
  }

  private deleteRelease(id: number): Reply {
    const stored = this.store.get(id);
    if (!stored) return notFound();
    for (const assetId of [...stored.assetIds]) this.dropAsset(assetId);
    this.store.delete(id);
    if (this.latestReleaseId === id) this.latestReleaseId = undefined;
    return { status: 204 };
  }

  private getAsset(id: number, accept: string): Reply {
    const stored = this.assets.get(id);
    if (!stored) return notFound();
    // Like GitHub: the API URL redirects binary requests to storage.
    if (accept.includes('application/octet-stream')) return { status: 302, headers: { location: `${this.url}/_storage/${id}` } };
    return { status: 200, json: stored.asset };
  }

  private deleteAsset(id: number): Reply {
    if (!this.assets.has(id)) return notFound();
    this.dropAsset(id);
    return { status: 204 };
  }

  private upload(releaseId: number, context: Context): Reply {
    const stored = this.store.get(releaseId);
    if (!stored) return notFound();
    const name = context.url.searchParams.get('name');
    if (name === null || name === '')
      return gitHubError(422, 'Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
    if (!context.headers['content-type']) return gitHubError(400, 'Bad Content-Type header value');
    if (this.assetNamed(stored, name)) return alreadyExists('ReleaseAsset', 'name');
    const created = this.newAsset(stored, name, context.body, 'uploaded');
    created.asset.content_type = context.headers['content-type'];
    return { status: 201, json: created.asset };
  }

  private storePartialUpload(context: Context): void {
    const match = /\/releases\/(\d+)\/assets$/.exec(context.url.pathname);
    const stored = match ? this.store.get(Number(match[1])) : undefined;
    const name = context.url.searchParams.get('name');
    if (!stored || name === null || this.assetNamed(stored, name)) return;
    const partial = this.newAsset(stored, name, context.body.subarray(0, Math.floor(context.body.length / 2)), 'open');
    partial.asset.digest = null;
  }

  private storage(id: number): Reply {
    const stored = this.assets.get(id);
    return stored ? { status: 200, bytes: stored.bytes, headers: { 'content-type': 'application/octet-stream' } } : notFound();
  }

  private downloadByTag(releaseId: number | undefined, name: string): Reply {
    const stored = releaseId === undefined ? undefined : this.store.get(releaseId);
    const asset = stored ? this.assetNamed(stored, name) : undefined;
    return asset ? { status: 302, headers: { location: `${this.url}/_storage/${asset.asset.id}` } } : notFound();
  }

  private page(context: Context, items: unknown[]): Reply {
    const requested = Number(context.url.searchParams.get('per_page') ?? '30');
    const perPage = Math.max(1, Math.min(requested || 30, 100, this.options.maxPerPage));
    const page = Math.max(1, Number(context.url.searchParams.get('page') ?? '1') || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const link = (n: number): string => {
        const url = new URL(context.url.pathname, this.url);
        url.searchParams.set('per_page', String(perPage));
        url.searchParams.set('page', String(n));
        return url.toString();
      };
      headers.link = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
    }
    return { status: 200, json: items.slice((page - 1) * perPage, page * perPage), headers };
  }

  private newRelease(tag: string, draft: boolean, targetCommitish: string, prerelease: boolean): StoredRelease {
    const id = this.nextId++;
    const repoApi = `${this.url}/repos/${this.options.owner}/${this.options.repo}`;
    const stored: StoredRelease = {
      assetIds: [],
      release: {
        url: `${repoApi}/releases/${id}`,
        html_url: '',
        assets_url: `${repoApi}/releases/${id}/assets`,
        upload_url: `${this.url}/uploads/repos/${this.options.owner}/${this.options.repo}/releases/${id}/assets{?name,label}`,
        tarball_url: null,
        zipball_url: null,
        id,
        node_id: `RE_${id}`,
        tag_name: tag,
        target_commitish: targetCommitish,
        name: null,
        body: null,
        draft,
        prerelease,
        immutable: false,
        created_at: this.tick(),
        published_at: draft ? null : this.tick(),
        updated_at: null,
        author: BOT,
      },
    };
    this.refreshUrls(stored);
    this.store.set(id, stored);
    return stored;
  }

  /** Draft URLs use an untagged-… placeholder until publication, as on GitHub. */
  private refreshUrls(stored: StoredRelease): void {
    const release = stored.release;
    const web = `${this.url}/${this.options.owner}/${this.options.repo}`;
    const tagPart = release.draft ? `untagged-${release.id}` : release.tag_name;
    release.html_url = `${web}/releases/tag/${tagPart}`;
    release.tarball_url = release.draft ? null : `${this.url}/repos/${this.options.owner}/${this.options.repo}/tarball/${release.tag_name}`;
    release.zipball_url = release.draft ? null : `${this.url}/repos/${this.options.owner}/${this.options.repo}/zipball/${release.tag_name}`;
    for (const assetId of stored.assetIds) {
      const asset = this.assets.get(assetId);
      if (asset) asset.asset.browser_download_url = `${web}/releases/download/${tagPart}/${encodeURIComponent(asset.asset.name)}`;
    }
  }

  private newAsset(stored: StoredRelease, name: string, bytes: Buffer, state: ReleaseAsset['state']): StoredAsset {
    const id = this.nextId++;
    const now = this.tick();
    const asset: StoredAsset = {
      releaseId: stored.release.id,
      bytes: Buffer.from(bytes),
      asset: {
        url: `${this.url}/repos/${this.options.owner}/${this.options.repo}/releases/assets/${id}`,
        browser_download_url: '',
        id,
        node_id: `RA_${id}`,
        name,
        label: null,
        state,
        content_type: 'application/octet-stream',
        size: bytes.length,
        digest: this.options.digests && state === 'uploaded' ? `sha256:${sha256Hex(bytes)}` : null,
        download_count: 0,
        created_at: now,
        updated_at: now,
        uploader: BOT,
      },
    };
    this.assets.set(id, asset);
    stored.assetIds.push(id);
    this.refreshUrls(stored);
    return asset;
  }

  private dropAsset(assetId: number): void {
    const stored = this.assets.get(assetId);
    if (!stored) return;
    this.assets.delete(assetId);
    const release = this.store.get(stored.releaseId);
    if (release) release.assetIds = release.assetIds.filter((id) => id !== assetId);
  }

  private assetNamed(stored: StoredRelease, name: string): StoredAsset | undefined {
    return stored.assetIds.map((id) => this.assets.get(id)).find((asset) => asset?.asset.name === name);
  }

  private assetsOf(stored: StoredRelease): ReleaseAsset[] {
    return stored.assetIds.map((id) => this.assets.get(id)?.asset).filter((asset): asset is ReleaseAsset => asset !== undefined);
  }

  private markLatest(stored: StoredRelease, makeLatest: string | undefined): void {
    // GitHub's default for a newly published release is make_latest: "true"; prereleases are never latest.
    if (makeLatest !== 'false' && !stored.release.prerelease) this.latestReleaseId = stored.release.id;
  }

  private releasesNewestFirst(): Release[] {
    return this.releases().reverse();
  }

  private render(stored: StoredRelease): Release {
    return structuredClone({ ...stored.release, assets: this.assetsOf(stored) });
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }
}

/** GitHub takes make_latest as one of three strings (a boolean is refused), or not at all. */
function validMakeLatest(value: unknown): boolean {
  return value === undefined || value === 'true' || value === 'false' || value === 'legacy';
}

function invalidMakeLatest(): Reply {
  return gitHubError(422, 'Validation Failed', [{ resource: 'Release', code: 'invalid', field: 'make_latest' }]);
}

function defaultFaultBody(status: number): unknown {
  const message = status === 403 || status === 429 ? 'API rate limit exceeded' : status >= 500 ? 'Server Error' : 'Fault';
  return { message, documentation_url: DOCS };
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'x-github-request-id': 'STANDIN', ...reply.headers };
  if (reply.bytes !== undefined) {
    response.writeHead(reply.status, headers);
    response.end(reply.bytes);
    return;
  }
  if (reply.json === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(reply.json));
}
