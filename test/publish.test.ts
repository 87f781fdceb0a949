import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatPublicKey, generateKeyPair, type SecretKey } from '../scripts/release/minisign.js';
import { newerPublished, publishRelease, PublishError, type PublishInput, type PublishResult } from '../scripts/release/publish.js';
import { signRelease } from '../scripts/release/signing.js';
import type { ClientTimings } from '../scripts/release/github-client.js';
import { artefact, isArtefactName } from '../scripts/release/artefacts.js';
import { ReleasesStandin, sha256Hex, type RecordedRequest, type Release, type StandinOptions } from './helpers/releases-standin.js';

const OWNER = 'acme';
const REPO = 'subprocessors';
const TOKEN = 'ghs_standinToken0123456789';
const VERSION = '1.4.0';
const TAG = `v${VERSION}`;
const COMMIT = '3f2a9c1d5e7b8a6c4d2e0f1a3b5c7d9e1f2a4b6c';

/** Every wait shrunk to a millisecond; the retry counts stay as in production. */
const FAST: Partial<ClientTimings> = { retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 };

type Files = Record<string, string>;

/** The key the tests' releases are signed with, and the pinned key publish verifies them against. */
const SIGNER = generateKeyPair();
const PINNED = formatPublicKey(SIGNER.publicKey);
const EXPIRES_AT = '2099-01-01T00:00:00Z';

/** The release document and its real signature (publish verifies it with the pinned key before uploading). */
function signedDocument(version: string, secret: SecretKey = SIGNER.secretKey): { document: string; signature: string } {
  const document = JSON.stringify({
    schemaVersion: 1,
    version,
    releasedAt: '2025-06-01T00:00:00Z',
    expiresAt: EXPIRES_AT,
    subprocessors: [{ name: 'Acme Mail' }],
  });
  return { document, signature: signRelease(secret, { version, expiresAt: EXPIRES_AT }, Buffer.from(document), 'subprocessors.json') };
}

function releaseFiles(version = VERSION, changes: Files = {}): Files {
  const { document, signature } = signedDocument(version);
  return {
    'subprocessors.json': document,
    'subprocessors.json.minisig': signature,
    'minisign.pub': PINNED,
    'CHANGELOG.md': `# ${version}\n\n- Added Acme Mail (needs customer notice)\n`,
    'feed.json': JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Subprocessors', items: [{ id: version }] }),
    'subprocessors.csv': 'name,country\nAcme Mail,DE\n',
    'subprocessors.md': '| Name | Country |\n| --- | --- |\n| Acme Mail | DE |\n',
    ...changes,
  };
}

/** Writes the files plus a SHA256SUMS over them, as the release build does. */
async function writeFolder(dir: string, files: Files): Promise<void> {
  for (const entry of await readdir(dir)) await rm(join(dir, entry));
  const sums = Object.entries(files)
    .map(([name, text]) => `${sha256Hex(Buffer.from(text))}  ${name}\n`)
    .join('');
  for (const [name, text] of Object.entries({ ...files, SHA256SUMS: sums })) await writeFile(join(dir, name), text);
}

async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const names = await readdir(dir);
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name))] as const)));
}

interface Setup {
  standin: ReleasesStandin;
  dir: string;
  logs: string[];
  publish: (overrides?: Partial<PublishInput>) => Promise<PublishResult>;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Run every cleanup even when the invariant check fails, so no server outlives its test.
  const results = await Promise.allSettled(
    cleanups
      .splice(0)
      .reverse()
      .map(async (cleanup) => {
        await cleanup();
      }),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
});

/**
 * A stand-in and a release folder. After the test, the invariant is checked against the folder as it was first
 * built: either one complete published release with exactly those bytes, or no published release; and no log line
 * carries the token.
 */
async function setup(options: StandinOptions = {}, files: Files = releaseFiles()): Promise<Setup> {
  const standin = await ReleasesStandin.start({ owner: OWNER, repo: REPO, token: TOKEN, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'subproc-publish-'));
  await writeFolder(dir, files);
  const original = await readFolder(dir);
  const logs: string[] = [];
  cleanups.push(async () => {
    await rm(dir, { recursive: true, force: true });
    await standin.close();
  });
  cleanups.push(() => {
    expectInvariant(standin, original);
    expect(logs.filter((line) => line.includes(TOKEN))).toEqual([]);
    return Promise.resolve();
  });
  const publish = (overrides: Partial<PublishInput> = {}): Promise<PublishResult> =>
    publishRelease({
      dir,
      owner: OWNER,
      repo: REPO,
      token: TOKEN,
      baseUrl: standin.url,
      targetCommitish: COMMIT,
      publicKey: PINNED,
      log: (line) => logs.push(line),
      timings: FAST,
      ...overrides,
    });
  return { standin, dir, logs, publish };
}

function expectInvariant(standin: ReleasesStandin, folder: Map<string, Buffer>): void {
  // Releases of other versions (seeded by the latest-release tests) are not this folder's to check.
  const { version } = JSON.parse(folder.get('subprocessors.json')?.toString('utf8') ?? '{}') as { version?: string };
  const published = standin.releases().filter((release) => !release.draft && release.tag_name === `v${version ?? ''}`);
  expect(published.length).toBeLessThanOrEqual(1);
  const release = published[0];
  if (!release) return;
  expect(release.assets.map((asset) => asset.name).sort()).toEqual([...folder.keys()].sort());
  for (const asset of release.assets) {
    const bytes = standin.assetBytes(asset.id);
    expect(asset.state, asset.name).toBe('uploaded');
    expect(bytes.equals(folder.get(asset.name) ?? Buffer.alloc(0)), `${asset.name} bytes`).toBe(true);
    if (asset.digest !== null) expect(asset.digest, asset.name).toBe(`sha256:${sha256Hex(bytes)}`);
  }
}

async function publishError(attempt: Promise<PublishResult>): Promise<PublishError> {
  const error = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  if (!(error instanceof PublishError)) throw new Error('expected a PublishError');
  return error;
}

function onlyRelease(standin: ReleasesStandin): Release {
  const releases = standin.releases();
  expect(releases).toHaveLength(1);
  const [release] = releases;
  if (!release) throw new Error('no release');
  return release;
}

const ALL_NAMES = [...Object.keys(releaseFiles()), 'SHA256SUMS'].sort();
const UPLOAD = (name: string): RegExp =>
  new RegExp(`^/uploads/repos/${OWNER}/${REPO}/releases/\\d+/assets\\?name=${name.replaceAll('.', '\\.')}$`);
const uploadsOf = (standin: ReleasesStandin, name: string) =>
  standin.requests.filter((request) => request.method === 'POST' && UPLOAD(name).test(request.path));

describe('publishRelease', () => {
  test('publishes a fresh release: a draft first, then every asset, then published and latest', async () => {
    const { standin, publish } = await setup();

    const result = await publish();

    const release = onlyRelease(standin);
    expect(result).toEqual({
      tag: TAG,
      releaseId: release.id,
      url: release.html_url,
      uploaded: ALL_NAMES,
      skipped: [],
      replaced: [],
      alreadyPublished: false,
    });
    expect(release).toMatchObject({ tag_name: TAG, draft: false, prerelease: false, target_commitish: COMMIT });
    expect(standin.latestReleaseId).toBe(release.id);
    const writes = standin.writes();
    expect(writes[0]).toMatchObject({ method: 'POST', path: `/repos/${OWNER}/${REPO}/releases`, json: { tag_name: TAG, draft: true } });
    expect(writes.at(-1)).toMatchObject({ method: 'PATCH', json: { draft: false, make_latest: 'true', target_commitish: COMMIT } });
    // Uploads go to the release's upload_url, never to the API path or uploads.github.com.
    expect(writes.slice(1, -1).every((request) => request.path.startsWith('/uploads/'))).toBe(true);
    const stable = await fetch(`${standin.url}/${OWNER}/${REPO}/releases/latest/download/subprocessors.json`);
    expect(await stable.text()).toBe(releaseFiles()['subprocessors.json']);
  });

  test('a second run changes nothing and uploads nothing', async () => {
    const { standin, publish } = await setup({ maxPerPage: 2 });
    const first = await publish();
    const before = standin.requests.length;

    const second = await publish();

    expect(second).toEqual({ ...first, uploaded: [], skipped: ALL_NAMES, replaced: [], alreadyPublished: true });
    expect(standin.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
    onlyRelease(standin);
  });

  test('retries an upload that answers 5xx', async () => {
    const { standin, publish } = await setup();
    const fault = { method: 'POST', pathPattern: UPLOAD('feed.json'), times: 2, status: 502 };
    standin.faults.push(fault);

    const result = await publish();

    expect(fault.times).toBe(0);
    expect(uploadsOf(standin, 'feed.json').map((request) => request.status)).toEqual([502, 502, 201]);
    expect(result.uploaded).toEqual(ALL_NAMES);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('an upload whose 502 hid a success is verified by digest, not uploaded twice', async () => {
    const { standin, publish, logs } = await setup();
    standin.faults.push({ method: 'POST', pathPattern: UPLOAD('CHANGELOG.md'), times: 1, status: 502, afterEffect: true });

    await publish();

    expect(uploadsOf(standin, 'CHANGELOG.md').map((request) => request.status)).toEqual([502, 422]);
    expect(logs).toContain('CHANGELOG.md is already on the draft; verifying it');
    expect(onlyRelease(standin).assets.filter((asset) => asset.name === 'CHANGELOG.md')).toHaveLength(1);
  });

  test('waits out primary and secondary rate limits', async () => {
    const { standin, publish, logs } = await setup();
    const resetNow = String(Math.floor(Date.now() / 1000));
    standin.faults.push(
      {
        method: 'GET',
        pathPattern: /\/releases\?/,
        times: 1,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetNow },
        body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest' },
      },
      {
        method: 'POST',
        pathPattern: UPLOAD('subprocessors.csv'),
        times: 1,
        status: 403,
        headers: { 'retry-after': '3' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      },
      {
        method: 'PATCH',
        pathPattern: /\/releases\/\d+$/,
        times: 1,
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
    );

    await publish();

    expect(standin.faults.map((fault) => fault.times)).toEqual([0, 0, 0]);
    expect(logs.filter((line) => line.includes('rate limit') && line.includes('retrying'))).toHaveLength(3);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('a create that answered 502 after creating, then 422 already_exists on retry, ends with one release', async () => {
    const { standin, publish } = await setup({ duplicateDrafts: 'reject' });
    standin.faults.push({ method: 'POST', pathPattern: /\/releases$/, times: 1, status: 502, afterEffect: true });

    await publish();

    const creates = standin.requests.filter((request) => request.method === 'POST' && /\/releases$/.test(request.path));
    expect(creates.map((request) => request.status)).toEqual([502, 422]);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('a create that answered 502 after creating, then created a second draft on retry, keeps the first', async () => {
    const { standin, publish } = await setup({ duplicateDrafts: 'allow' });
    standin.faults.push({ method: 'POST', pathPattern: /\/releases$/, times: 1, status: 502, afterEffect: true });

    const result = await publish();

    const creates = standin.requests.filter((request) => request.method === 'POST' && /\/releases$/.test(request.path));
    expect(creates.map((request) => request.status)).toEqual([502, 201]);
    const release = onlyRelease(standin);
    expect(release.id).toBe(result.releaseId);
    expect(release.draft).toBe(false);
  });

  test('replaces an asset left half-uploaded by a failed upload', async () => {
    const { standin, publish } = await setup();
    standin.faults.push({ method: 'POST', pathPattern: UPLOAD('subprocessors.json'), times: 1, status: 502, partialUpload: true });

    const result = await publish();

    // 502 left an "open" asset; the retry hit its name (422); the next round deleted it and uploaded again.
    expect(uploadsOf(standin, 'subprocessors.json').map((request) => request.status)).toEqual([502, 422, 201]);
    expect(result.replaced).toEqual(['subprocessors.json']);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('resumes a draft left by a crashed run: keeps good assets, replaces half-uploaded ones', async () => {
    const { standin, publish } = await setup();
    const files = releaseFiles();
    const draft = standin.seedRelease({
      tag_name: TAG,
      draft: true,
      assets: [
        { name: 'CHANGELOG.md', bytes: Buffer.from(files['CHANGELOG.md'] ?? '') },
        { name: 'feed.json', bytes: Buffer.from('{"ver'), state: 'open', digest: null },
      ],
    });

    const result = await publish();

    expect(result.releaseId).toBe(draft.id);
    expect(result.skipped).toEqual(['CHANGELOG.md']);
    expect(result.replaced).toEqual(['feed.json']);
    expect(result.uploaded).toEqual(ALL_NAMES.filter((name) => name !== 'CHANGELOG.md' && name !== 'feed.json'));
    expect(onlyRelease(standin)).toMatchObject({ id: draft.id, draft: false, target_commitish: COMMIT });
  });

  test('replaces a changed asset on a draft and removes assets that are not in the folder', async () => {
    const { standin, publish } = await setup();
    const stale = releaseFiles(VERSION, { 'CHANGELOG.md': '# 1.4.0\n\n- an earlier build\n' });
    standin.seedRelease({
      tag_name: TAG,
      draft: true,
      assets: [
        { name: 'CHANGELOG.md', bytes: Buffer.from(stale['CHANGELOG.md'] ?? '') },
        { name: 'subprocessors.csv', bytes: Buffer.from(stale['subprocessors.csv'] ?? '') },
        { name: 'notes-from-an-old-build.txt', bytes: Buffer.from('old') },
      ],
    });

    const result = await publish();

    expect(result.replaced).toEqual(['CHANGELOG.md']);
    expect(result.skipped).toEqual(['subprocessors.csv']);
    expect(standin.writes().filter((request) => request.method === 'DELETE')).toHaveLength(2);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('without digests, compares same-sized assets by downloading them', async () => {
    const { standin, publish } = await setup({ digests: false });
    const changelog = releaseFiles()['CHANGELOG.md'] ?? '';
    const sameSize = changelog.replace('Acme', 'Acne');
    expect(sameSize.length).toBe(changelog.length);
    standin.seedRelease({
      tag_name: TAG,
      draft: true,
      assets: [
        { name: 'CHANGELOG.md', bytes: Buffer.from(sameSize) },
        { name: 'subprocessors.md', bytes: Buffer.from(releaseFiles()['subprocessors.md'] ?? '') },
      ],
    });

    const result = await publish();

    expect(result.replaced).toEqual(['CHANGELOG.md']);
    expect(result.skipped).toEqual(['subprocessors.md']);
    const before = standin.requests.length;
    const again = await publish();
    expect(again.alreadyPublished).toBe(true);
    const rerun = standin.requests.slice(before);
    expect(rerun.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(rerun.filter((request) => request.path.startsWith('/_storage/'))).toHaveLength(ALL_NAMES.length);
  });

  test('refuses to touch a published release whose bytes differ', async () => {
    const { standin, dir, publish } = await setup();
    await publish();
    const published = onlyRelease(standin);
    await writeFolder(dir, releaseFiles(VERSION, { 'CHANGELOG.md': '# 1.4.0\n\n- rebuilt with different notes\n' }));
    const before = standin.requests.length;

    const refusal = await publishError(publish());

    expect(refusal.message).toMatch(/already published.*CHANGELOG\.md differs/);
    expect(refusal.hint).toMatch(/Bump the version/);
    expect(standin.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
    expect(onlyRelease(standin)).toEqual(published);
  });

  test('refuses a published release that lacks a file the folder now has', async () => {
    // minisign.pub is a release file a build may leave out (no committed key): published without it, then added.
    const { 'minisign.pub': publicKey = '', ...withoutKey } = releaseFiles();
    const { standin, dir, publish } = await setup({}, withoutKey);
    await publish();
    const published = onlyRelease(standin);
    await writeFolder(dir, { ...withoutKey, 'minisign.pub': publicKey });
    const before = standin.requests.length;

    await expect(publish()).rejects.toThrow(/already published.*minisign\.pub is missing/);

    expect(standin.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
    expect(onlyRelease(standin)).toEqual(published);
  });

  test.each([
    { start: 'together', duplicateDrafts: 'allow', seed: 1 },
    { start: 'together', duplicateDrafts: 'reject', seed: 3 },
    { start: 'once the first draft exists', duplicateDrafts: 'allow', seed: 5 },
    { start: 'after three uploads', duplicateDrafts: 'allow', seed: 7 },
  ] as const)(
    'two publishers at once produce one published release (second starts $start, duplicate drafts: $duplicateDrafts)',
    async ({ start, duplicateDrafts, seed }) => {
      const { standin, publish } = await setup({ duplicateDrafts, latency: jitter(seed, 8) });
      const created = (request: RecordedRequest): boolean => request.method === 'POST' && request.status === 201;
      const ready: Record<typeof start, () => boolean> = {
        together: () => true,
        'once the first draft exists': () => standin.requests.some(created),
        'after three uploads': () =>
          standin.requests.filter((request) => created(request) && request.path.startsWith('/uploads/')).length >= 3,
      };

      const [a, b] = await Promise.all([publish(), when(ready[start]).then(() => publish())]);

      const release = onlyRelease(standin);
      expect(release.draft).toBe(false);
      expect([a.releaseId, b.releaseId]).toEqual([release.id, release.id]);
      expect(release.assets.map((asset) => asset.name).sort()).toEqual(ALL_NAMES);
      for (const name of ALL_NAMES) expect(uploadsOf(standin, name).filter(created), name).toHaveLength(1);
    },
  );

  test('a publish request whose 502 hid a success is retried harmlessly', async () => {
    const { standin, publish } = await setup();
    standin.faults.push({ method: 'PATCH', pathPattern: /\/releases\/\d+$/, times: 1, status: 502, afterEffect: true });

    const result = await publish();

    expect(result.alreadyPublished).toBe(false);
    expect(standin.requests.filter((request) => request.method === 'PATCH').map((request) => request.status)).toEqual([502, 200]);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('when GitHub keeps failing, fails with a hint and publishes nothing; a re-run completes', async () => {
    const { standin, publish } = await setup();
    standin.faults.push(
      { method: 'POST', pathPattern: UPLOAD('minisign.pub'), times: 1, status: 500, partialUpload: true },
      { method: 'POST', pathPattern: UPLOAD('minisign.pub'), times: 10, status: 500 },
    );

    const failure = await publishError(publish());

    expect(failure.message).toContain('GitHub answered 500');
    expect(failure.hint).toContain('Re-run');
    expect(onlyRelease(standin)).toMatchObject({ draft: true });

    standin.faults.length = 0;
    const rerun = await publish();

    expect(rerun.replaced).toEqual(['minisign.pub']);
    expect(rerun.skipped).toEqual(['CHANGELOG.md', 'SHA256SUMS', 'feed.json']);
    expect(onlyRelease(standin).draft).toBe(false);
  });

  test('a rejected token gives a hint and is never printed', async () => {
    const { standin, logs, publish } = await setup();

    const failure = await publishError(publish({ token: 'ghp_wrongToken' }));

    expect(failure.message).toContain('401');
    expect(failure.hint).toContain('token');
    expect(`${failure.message} ${failure.hint ?? ''} ${failure.stack ?? ''}`).not.toContain('ghp_wrongToken');
    expect(logs.join('\n')).not.toContain('ghp_wrongToken');
    expect(standin.releases()).toEqual([]);
  });

  test('an unreachable API gives a hint instead of a stack trace', async () => {
    const { publish } = await setup();

    const failure = await publishError(publish({ baseUrl: 'http://127.0.0.1:1', timings: { ...FAST, retries: 0 } }));

    expect(failure.message).toMatch(/^could not reach GitHub to GET http:\/\/127\.0\.0\.1:1\/repos\/acme\/subprocessors\/releases/);
    expect(failure.hint).toContain('network');
  });

  test('refuses an unsigned folder, or one whose SHA256SUMS disagrees, before calling GitHub', async () => {
    const { standin, dir, publish } = await setup();
    await rm(join(dir, 'subprocessors.json.minisig'));
    await expect(publish()).rejects.toThrow(/no subprocessors\.json\.minisig/);

    await writeFolder(dir, releaseFiles());
    await writeFile(join(dir, 'feed.json'), '{"tampered":true}');
    await expect(publish()).rejects.toThrow(/feed\.json does not match its line in SHA256SUMS/);

    expect(standin.requests).toEqual([]);
  });

  test('uploads only the files of the release table: a stray file in the folder is left out, logged, and in the way of nothing', async () => {
    const { standin, dir, logs, publish } = await setup();
    // Written after setup, so the invariant checks the published assets against the release files alone.
    await writeFile(join(dir, 'notes.txt'), 'a local note\n');
    await writeFile(join(dir, 'draft notes (old).md'), 'a name GitHub would rewrite\n');

    const result = await publish();

    expect(result.uploaded).toEqual(ALL_NAMES);
    expect(
      onlyRelease(standin)
        .assets.map((asset) => asset.name)
        .sort(),
    ).toEqual(ALL_NAMES);
    expect(standin.requests.filter((request) => request.path.includes('notes'))).toEqual([]);
    expect(logs).toContain(`${join(dir, 'notes.txt')} is not one of the release's files: not uploaded`);
    expect(logs).toContain(`${join(dir, 'draft notes (old).md')} is not one of the release's files: not uploaded`);
    // Each asset is served with the media type the release table gives it.
    expect(Object.fromEntries(onlyRelease(standin).assets.map((asset) => [asset.name, asset.content_type]))).toEqual(
      Object.fromEntries(ALL_NAMES.map((name) => [name, isArtefactName(name) ? artefact(name).mediaType : 'not in the table'])),
    );
  });

  test('a prerelease is published but never becomes latest', async () => {
    const { standin, publish } = await setup({}, releaseFiles('2.0.0-rc.1'));

    const result = await publish();

    expect(result.tag).toBe('v2.0.0-rc.1');
    expect(onlyRelease(standin)).toMatchObject({ draft: false, prerelease: true });
    expect(standin.latestReleaseId).toBeUndefined();
  });
});

describe('publishRelease marks latest only the highest published version', () => {
  const latestDownload = async (standin: ReleasesStandin): Promise<string> =>
    (await fetch(`${standin.url}/${OWNER}/${REPO}/releases/latest/download/subprocessors.json`)).text();
  const patches = (standin: ReleasesStandin) =>
    standin.requests.filter((request) => request.method === 'PATCH').map((request) => request.json);

  test('publishing 1.2.1 after 1.3.0 leaves 1.3.0 latest: releases/latest/download still serves 1.3.0', async () => {
    const { standin, publish } = await setup({}, releaseFiles('1.2.1'));
    const newer = releaseFiles('1.3.0')['subprocessors.json'] ?? '';
    const seeded = standin.seedRelease({
      tag_name: 'v1.3.0',
      draft: false,
      latest: true,
      assets: [{ name: 'subprocessors.json', bytes: Buffer.from(newer) }],
    });

    const result = await publish();

    expect(result.tag).toBe('v1.2.1');
    expect(standin.releases().find((release) => release.tag_name === 'v1.2.1')).toMatchObject({ draft: false, prerelease: false });
    expect(standin.latestReleaseId).toBe(seeded.id);
    expect(patches(standin)).toEqual([expect.objectContaining({ draft: false, make_latest: 'false' })]);
    expect(await latestDownload(standin)).toBe(newer);
  });

  test('publishing 1.4.0 after 1.3.0 moves latest to 1.4.0', async () => {
    const { standin, publish } = await setup({}, releaseFiles('1.4.0'));
    standin.seedRelease({ tag_name: 'v1.3.0', draft: false, latest: true });

    const result = await publish();

    expect(standin.latestReleaseId).toBe(result.releaseId);
    expect(patches(standin)).toEqual([expect.objectContaining({ make_latest: 'true' })]);
    expect(await latestDownload(standin)).toBe(releaseFiles('1.4.0')['subprocessors.json']);
  });

  test('a higher version that is only a draft, a prerelease, or not our tag, does not hold latest back', async () => {
    const { standin, publish } = await setup({}, releaseFiles('1.4.0'));
    const old = standin.seedRelease({ tag_name: 'v1.3.0', draft: false, latest: true });
    standin.seedRelease({ tag_name: 'v9.0.0', draft: true });
    standin.seedRelease({ tag_name: 'v2.0.0-rc.1', draft: false, prerelease: true });
    standin.seedRelease({ tag_name: 'list-2030', draft: false });
    expect(standin.latestReleaseId).toBe(old.id);

    const result = await publish();

    expect(standin.latestReleaseId).toBe(result.releaseId);
  });

  // Every release below is published and not marked prerelease: only the versions in the tags decide.
  test.each([
    ['1.2.1', ['v1.3.0'], 'v1.3.0'],
    ['1.3.0', ['v1.2.9', 'v1.3.0-rc.2'], undefined],
    ['1.3.0', ['v1.10.0', 'v1.9.0'], 'v1.10.0'],
    ['2.0.0', ['v10.0.0'], 'v10.0.0'],
    ['1.3.0-rc.1', ['v1.3.0'], 'v1.3.0'],
    ['1.3.0', [], undefined],
    ['1.3.0', ['latest', 'v1', 'v1.3', 'v01.4.0'], undefined],
  ])('newerPublished(%s) among %j: %s', (version, tags, expected) => {
    expect(
      newerPublished(
        version,
        tags.map((tag_name) => ({ tag_name, draft: false, prerelease: false })),
      ),
    ).toBe(expected);
  });
});

describe('publishRelease verifies the folder with the pinned key before any request', () => {
  const other = generateKeyPair();

  test.each([
    ['a signature made for another file', anotherFilesSignature, /does not verify with the pinned key .*bad-signature/],
    [
      'a signature made with another key',
      () => ({ 'subprocessors.json.minisig': signedDocument(VERSION, other.secretKey).signature }),
      /does not verify with the pinned key .*wrong-key/,
    ],
    [
      'a signature whose trusted comment names another version',
      () => ({
        'subprocessors.json.minisig': signedDocument('1.3.9').signature,
        'subprocessors.json': signedDocument('1.3.9').document.replace('1.3.9', VERSION),
      }),
      /does not verify with the pinned key/,
    ],
    [
      'a minisign.pub that is not the pinned key',
      () => ({ 'minisign.pub': formatPublicKey(other.publicKey) }),
      /minisign\.pub is not the pinned key .*consumers would be handed the wrong key/,
    ],
  ])('%s: refused, nothing sent to GitHub', async (_name, changes, message) => {
    const { standin, publish } = await setup({}, releaseFiles(VERSION, changes()));

    const refusal = await publishError(publish());

    expect(refusal.message).toMatch(message);
    expect(refusal.hint ?? '').toMatch(/Nothing was uploaded/);
    expect(standin.requests).toEqual([]);
  });

  test('an expired signature is refused before any request', async () => {
    const { standin, publish } = await setup();
    const refusal = await publishError(publish({ now: new Date('2099-06-01T00:00:00Z') }));
    expect(refusal.message).toMatch(/expired: it expired at 2099-01-01T00:00:00Z/);
    expect(standin.requests).toEqual([]);
  });

  test('a pinned key that is not a key is refused', async () => {
    const { standin, publish } = await setup();
    await expect(publish({ publicKey: 'untrusted comment: x\nRWQ0!!\n' })).rejects.toThrow(/the pinned public key is not one/);
    expect(standin.requests).toEqual([]);
  });
});

/** The signature of another document (1.4.0 with other content), paired with this folder's document. */
function anotherFilesSignature(): Files {
  const other = JSON.stringify({ schemaVersion: 1, version: VERSION, expiresAt: EXPIRES_AT, subprocessors: [] });
  return {
    'subprocessors.json.minisig': signRelease(
      SIGNER.secretKey,
      { version: VERSION, expiresAt: EXPIRES_AT },
      Buffer.from(other),
      'subprocessors.json',
    ),
  };
}

/** Resolves once the condition holds, checking every millisecond. */
async function when(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Deterministic latency in [0, max] ms, so concurrent publishers interleave differently per seed. */
function jitter(seed: number, max: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % (max + 1);
  };
}
