import { join } from 'node:path';
import {
  artefact,
  CHANGELOG_FILE,
  CHECKSUMS_FILE,
  checksumProblems,
  PUBLIC_KEY_FILE,
  RELEASE_FILE,
  sha256Hex,
  signatureFileOf,
  SIGNED_ARTEFACTS,
  type ArtefactName,
  type ChecksumProblem,
} from './artefacts.js';
import { readReleaseFolder, type ReleaseFolderContents } from './folder.js';
import {
  GitHubReleases,
  gitHubMessage,
  isAlreadyExists,
  redactor,
  statusOf,
  type ClientTimings,
  type Release,
  type ReleaseAsset,
  type UploadOutcome,
} from './github-client.js';
import { keyIdHex, MinisignError, parsePublicKey, type PublicKey } from './minisign.js';
import { parseSemver } from './semver.js';
import { VerifyError, verifySignedFile } from './verify.js';

/**
 * Publishes a built release folder as a GitHub Release: find or create a draft, make its assets match the folder,
 * verify, then publish. Every step can be repeated, so a re-run (or a retried request) converges on the same
 * release; a published release is never modified.
 */

export interface PublishInput {
  /** A built release folder; the release table's files in it become the assets, and nothing else there does. */
  dir: string;
  owner: string;
  repo: string;
  token: string;
  /** API base, default https://api.github.com. */
  baseUrl?: string;
  /** The commit the tag points at. */
  targetCommitish?: string;
  /**
   * The pinned public key's text (keys/minisign.pub): nothing is uploaded unless the folder's signatures verify
   * with it, and a minisign.pub in the folder must be this key.
   */
  publicKey: string;
  /** The instant the release is verified at (its expiry); default now. */
  now?: Date;
  /** Progress lines for the CLI; they never contain the token. */
  log?: (line: string) => void;
  /** Retry and throttle waits; tests shrink them. Production keeps GitHub's pacing. */
  timings?: Partial<ClientTimings>;
}

export interface PublishResult {
  tag: string;
  releaseId: number;
  url: string;
  uploaded: string[];
  skipped: string[];
  replaced: string[];
  alreadyPublished: boolean;
}

/** A refusal or failure the CLI prints as a message and a hint, without a stack trace. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

export interface ReleaseFile {
  name: ArtefactName;
  bytes: Buffer;
  sha256: string;
  /** From the release table: the Content-Type GitHub will serve the asset with. */
  mediaType: string;
}

export interface ReleaseFolder {
  dir: string;
  version: string;
  files: ReleaseFile[];
  changelog: string;
}

/** How one asset on GitHub compares with the folder. */
export type Verdict =
  | { kind: 'match'; file: ReleaseFile; asset: ReleaseAsset }
  | { kind: 'missing'; file: ReleaseFile }
  | { kind: 'differs'; file: ReleaseFile; asset: ReleaseAsset }
  | { kind: 'half-uploaded'; file: ReleaseFile; asset: ReleaseAsset }
  | { kind: 'extra'; asset: ReleaseAsset }
  /** No digest and the same size: only the bytes can tell. */
  | { kind: 'unverified'; file: ReleaseFile; asset: ReleaseAsset };

type SettledVerdict = Exclude<Verdict, { kind: 'unverified' }>;
type Outcome = 'uploaded' | 'skipped' | 'replaced';

const MAX_ATTEMPTS = 3;
const MAX_ROUNDS = 3;
/** GitHub caps a release body at 125,000 characters. */
const MAX_BODY = 100_000;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
/** GitHub silently rewrites other characters in asset names, after which a re-run could not recognise them. */
export const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The release changed under us (another publisher, or a retried request that had landed): look again. */
class StaleView extends Error {}

interface Run {
  api: GitHubReleases;
  folder: ReleaseFolder;
  tag: string;
  input: PublishInput;
  log: (line: string) => void;
}

export async function publishRelease(input: PublishInput): Promise<PublishResult> {
  const redact = redactor(input.token);
  const log = (line: string): void => {
    input.log?.(redact(line));
  };
  try {
    const folder = await readPublishFolder(input.dir, log);
    verifyPublishFolder(folder, input.publicKey, input.now ?? new Date());
    const api = new GitHubReleases({
      owner: input.owner,
      repo: input.repo,
      token: input.token,
      ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl }),
      ...(input.timings === undefined ? {} : { timings: input.timings }),
      log,
    });
    return await withRestarts({ api, folder, tag: `v${folder.version}`, input, log });
  } catch (error) {
    throw toPublishError(error, redact);
  }
}

async function withRestarts(run: Run): Promise<PublishResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await publishOnce(run);
    } catch (error) {
      if (!(error instanceof StaleView)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new PublishError(
          `${run.tag}: the release kept changing while publishing (${error.message})`,
          'Another publisher may be running: let it finish, then re-run.',
        );
      }
      run.log(`${error.message}; looking again`);
    }
  }
}

async function publishOnce(run: Run): Promise<PublishResult> {
  const { tag, log } = run;
  const existing = await releasesFor(run);
  const published = existing.find((release) => !release.draft);
  if (published) return confirmPublished(run, published);

  const draft = await ensureDraft(run, existing);
  const outcome = await syncAssets(run, draft);

  // Re-check right before publishing: another publisher may have won, or removed a duplicate draft.
  const all = await run.api.listReleases();
  const current = all.filter((release) => release.tag_name === tag);
  if (current.some((release) => !release.draft)) throw new StaleView(`${tag} was published meanwhile`);
  if (!current.some((release) => release.id === draft.id)) throw new StaleView(`draft ${draft.id} disappeared`);
  await requireComplete(run, draft.id);

  const newer = newerPublished(run.folder.version, all);
  log(
    newer === undefined
      ? `publishing ${tag} (release ${draft.id}) as the latest release`
      : `publishing ${tag} (release ${draft.id}); ${newer} is newer and stays the latest release`,
  );
  const release = await publishDraft(run, draft, newer === undefined && !isPrerelease(run.folder.version));
  const after = await classify(run, release.id);
  if (!isComplete(after)) {
    throw new PublishError(
      `${tag} was published but its assets changed during publication: ${problems(after)}`,
      `Inspect release ${release.id} on GitHub by hand; a published release is never changed automatically.`,
    );
  }
  log(`published ${tag}: ${release.html_url}`);
  return { tag, releaseId: release.id, url: release.html_url, ...outcome, alreadyPublished: false };
}

/** A published release is left alone: identical means done, anything else is refused. */
async function confirmPublished(run: Run, release: Release): Promise<PublishResult> {
  const verdicts = await classify(run, release.id);
  if (!isComplete(verdicts)) {
    throw new PublishError(
      `${run.tag} is already published and does not match ${run.folder.dir}: ${problems(verdicts)}`,
      `A published release is never changed. Bump the version and build a new release; if ${run.tag} itself is wrong, fix it by hand on GitHub.`,
    );
  }
  run.log(`${run.tag} is already published with these exact files; nothing to do`);
  return {
    tag: run.tag,
    releaseId: release.id,
    url: release.html_url,
    uploaded: [],
    skipped: run.folder.files.map((file) => file.name),
    replaced: [],
    alreadyPublished: true,
  };
}

async function releasesFor(run: Run): Promise<Release[]> {
  const releases = await run.api.listReleases();
  return releases.filter((release) => release.tag_name === run.tag);
}

/** The oldest draft wins, so concurrent publishers (and a retried create) all settle on the same one. */
function oldestDraft(releases: readonly Release[]): Release | undefined {
  return releases
    .filter((release) => release.draft)
    .reduce<Release | undefined>((oldest, release) => (oldest && oldest.id < release.id ? oldest : release), undefined);
}

async function ensureDraft(run: Run, existing: readonly Release[]): Promise<Release> {
  const resumed = oldestDraft(existing);
  if (resumed) {
    run.log(`resuming draft ${resumed.id} for ${run.tag}`);
    return resumed;
  }
  const created = await createDraft(run);
  const listed = await releasesFor(run);
  if (listed.some((release) => !release.draft)) {
    if (created) await run.api.deleteRelease(created.id);
    throw new StaleView(`${run.tag} was published meanwhile`);
  }
  // The list may lag behind our own create, so our draft counts even when it is not listed yet.
  const chosen = oldestDraft(created ? [...listed, created] : listed);
  if (!chosen) throw new StaleView(`no draft for ${run.tag} is visible after creating one`);
  if (created && created.id !== chosen.id) {
    run.log(`draft ${chosen.id} for ${run.tag} already existed; deleting the duplicate ${created.id}`);
    await run.api.deleteRelease(created.id);
  } else if (created) {
    run.log(`created draft ${created.id} for ${run.tag}`);
  }
  return chosen;
}

/** Undefined when GitHub says the release exists: a retried create had landed, or another publisher made it. */
async function createDraft(run: Run): Promise<Release | undefined> {
  const prerelease = isPrerelease(run.folder.version);
  try {
    return await run.api.createDraft({
      tag: run.tag,
      name: run.tag,
      body: run.folder.changelog.slice(0, MAX_BODY),
      prerelease,
      ...(run.input.targetCommitish === undefined ? {} : { targetCommitish: run.input.targetCommitish }),
    });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    run.log(`a release for ${run.tag} already exists; looking it up`);
    return undefined;
  }
}

async function publishDraft(run: Run, draft: Release, makeLatest: boolean): Promise<Release> {
  try {
    return await run.api.publish(draft.id, {
      tag: run.tag,
      prerelease: isPrerelease(run.folder.version),
      makeLatest,
      ...(run.input.targetCommitish === undefined ? {} : { targetCommitish: run.input.targetCommitish }),
    });
  } catch (error) {
    // 422: another release with this tag was published first; 404: the draft is gone. Either way, look again.
    const status = statusOf(error);
    if (status === 422 || status === 404) throw new StaleView(`publishing draft ${draft.id} was refused (${status})`);
    throw error;
  }
}

/** Rounds of compare-then-fix until the draft holds exactly the folder; each round starts from a fresh listing. */
async function syncAssets(run: Run, draft: Release): Promise<Pick<PublishResult, 'uploaded' | 'skipped' | 'replaced'>> {
  const outcome = new Map<string, Outcome>();
  for (let round = 1; round <= MAX_ROUNDS; round += 1) {
    const verdicts = await classify(run, draft.id);
    if (isComplete(verdicts)) return summarise(run.folder, outcome);
    for (const verdict of verdicts) await apply(run, draft, verdict, outcome);
  }
  throw new StaleView(`the assets of draft ${draft.id} did not settle after ${MAX_ROUNDS} rounds`);
}

async function apply(run: Run, draft: Release, verdict: SettledVerdict, outcome: Map<string, Outcome>): Promise<void> {
  switch (verdict.kind) {
    case 'match':
      if (!outcome.has(verdict.file.name)) outcome.set(verdict.file.name, 'skipped');
      return;
    case 'missing':
      // A name already taken is someone else's upload (or our retried POST that had landed): the next round
      // verifies it and counts it as skipped.
      if ((await upload(run, draft, verdict.file)) === 'uploaded' && outcome.get(verdict.file.name) !== 'replaced') {
        outcome.set(verdict.file.name, 'uploaded');
      }
      return;
    case 'differs':
    case 'half-uploaded':
      run.log(`${describe(verdict)}; replacing it`);
      await run.api.deleteAsset(verdict.asset.id);
      await upload(run, draft, verdict.file);
      outcome.set(verdict.file.name, 'replaced');
      return;
    case 'extra':
      run.log(`${describe(verdict)}; deleting it from the draft`);
      await run.api.deleteAsset(verdict.asset.id);
      return;
  }
}

async function upload(run: Run, draft: Release, file: ReleaseFile): Promise<UploadOutcome> {
  try {
    const result = await run.api.uploadAsset(draft, file.name, file.bytes, file.mediaType);
    run.log(result === 'uploaded' ? `uploaded ${file.name}` : `${file.name} is already on the draft; verifying it`);
    return result;
  } catch (error) {
    if (statusOf(error) === 404) throw new StaleView(`draft ${draft.id} disappeared`);
    throw error;
  }
}

function summarise(folder: ReleaseFolder, outcome: Map<string, Outcome>): Pick<PublishResult, 'uploaded' | 'skipped' | 'replaced'> {
  const named = (wanted: Outcome): string[] =>
    folder.files.map((file) => file.name).filter((name) => (outcome.get(name) ?? 'skipped') === wanted);
  return { uploaded: named('uploaded'), skipped: named('skipped'), replaced: named('replaced') };
}

async function requireComplete(run: Run, releaseId: number): Promise<void> {
  const verdicts = await classify(run, releaseId);
  if (!isComplete(verdicts)) throw new StaleView(`the assets of draft ${releaseId} changed before publishing: ${problems(verdicts)}`);
}

/** Compares the release's assets with the folder, downloading only what a digest cannot settle. */
async function classify(run: Run, releaseId: number): Promise<SettledVerdict[]> {
  let assets: ReleaseAsset[];
  try {
    assets = await run.api.listAssets(releaseId);
  } catch (error) {
    if (statusOf(error) === 404) throw new StaleView(`release ${releaseId} disappeared`);
    throw error;
  }
  const settled: SettledVerdict[] = [];
  for (const verdict of compareAssets(run.folder.files, assets)) {
    settled.push(verdict.kind === 'unverified' ? await settleByDownload(run, verdict.file, verdict.asset) : verdict);
  }
  return settled;
}

async function settleByDownload(run: Run, file: ReleaseFile, asset: ReleaseAsset): Promise<SettledVerdict> {
  try {
    const bytes = await run.api.downloadAsset(asset.id);
    return sha256Hex(bytes) === file.sha256 ? { kind: 'match', file, asset } : { kind: 'differs', file, asset };
  } catch (error) {
    if (statusOf(error) === 404) return { kind: 'missing', file };
    throw error;
  }
}

/** Pure: how each asset compares with the folder, by digest when GitHub gives one, else by size. */
export function compareAssets(files: readonly ReleaseFile[], assets: readonly ReleaseAsset[]): Verdict[] {
  const byName = new Map<string, ReleaseAsset>();
  const verdicts: Verdict[] = [];
  for (const asset of [...assets].sort((a, b) => a.id - b.id)) {
    // GitHub keeps names unique; a second one would be a duplicate to remove, not a candidate.
    if (byName.has(asset.name)) verdicts.push({ kind: 'extra', asset });
    else byName.set(asset.name, asset);
  }
  const wanted = new Set<string>(files.map((file) => file.name));
  for (const asset of byName.values()) if (!wanted.has(asset.name)) verdicts.push({ kind: 'extra', asset });
  for (const file of files) {
    const asset = byName.get(file.name);
    verdicts.push(asset ? compareOne(file, asset) : { kind: 'missing', file });
  }
  return verdicts;
}

function compareOne(file: ReleaseFile, asset: ReleaseAsset): Verdict {
  if (asset.state !== 'uploaded') return { kind: 'half-uploaded', file, asset };
  if (asset.size !== file.bytes.length) return { kind: 'differs', file, asset };
  const digest = asset.digest?.toLowerCase();
  if (digest?.startsWith('sha256:'))
    return digest === `sha256:${file.sha256}` ? { kind: 'match', file, asset } : { kind: 'differs', file, asset };
  return { kind: 'unverified', file, asset };
}

function isComplete(verdicts: readonly SettledVerdict[]): boolean {
  return verdicts.every((verdict) => verdict.kind === 'match');
}

function problems(verdicts: readonly SettledVerdict[]): string {
  return verdicts
    .filter((verdict) => verdict.kind !== 'match')
    .map(describe)
    .join('; ');
}

function describe(verdict: SettledVerdict): string {
  switch (verdict.kind) {
    case 'match':
      return `${verdict.file.name} matches`;
    case 'missing':
      return `${verdict.file.name} is missing`;
    case 'differs':
      return `${verdict.file.name} differs from the folder`;
    case 'half-uploaded':
      return `${verdict.file.name} is half-uploaded (state ${verdict.asset.state})`;
    case 'extra':
      return `${verdict.asset.name} is not in the release folder`;
  }
}

function isPrerelease(version: string): boolean {
  return /^[^+]*-/.test(version);
}

/**
 * The tag of a published, non-prerelease release with a higher version than `version`, if any: then this one must
 * not become …/releases/latest, which consumers download (publishing 1.2.1 after 1.3.0 must not serve 1.2.1).
 * Tags that are not vMAJOR.MINOR.PATCH (with an optional prerelease part) are not ours and are not compared.
 */
export function newerPublished(
  version: string,
  releases: readonly Pick<Release, 'tag_name' | 'draft' | 'prerelease'>[],
): string | undefined {
  const ours = orderOf(version);
  if (ours === undefined) return undefined;
  let newest: { tag: string; order: readonly number[] } | undefined;
  for (const release of releases) {
    if (release.draft || release.prerelease) continue;
    const order = orderOf(release.tag_name.replace(/^v/, ''));
    if (order === undefined || compareOrder(order, ours) <= 0) continue;
    if (!newest || compareOrder(order, newest.order) > 0) newest = { tag: release.tag_name, order };
  }
  return newest?.tag;
}

/** major, minor, patch, then 1 for a release and 0 for a prerelease of it (which comes first). */
function orderOf(version: string): readonly number[] | undefined {
  const match = /^([^-+]*)(-[^+]*)?(\+.*)?$/.exec(version);
  const core = match?.[1] === undefined ? undefined : parseSemver(match[1]);
  if (!core || !SEMVER.test(version)) return undefined;
  return [...core, match?.[2] === undefined ? 1 : 0];
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Before anything is uploaded: every signed file of the table verifies with the pinned key (key id, both
 * signatures, a trusted comment that signs this file's sha256, the folder's version and an expiry still ahead), and
 * a minisign.pub shipped in the folder is that same key. A workflow that forgot to verify cannot publish a
 * signature for another file, or one made with another key.
 */
export function verifyPublishFolder(folder: ReleaseFolder, publicKey: string, now: Date): void {
  const bytesOf = (name: ArtefactName) => folder.files.find((file) => file.name === name)?.bytes;
  let pinned: PublicKey;
  try {
    pinned = parsePublicKey(publicKey);
  } catch (error) {
    if (error instanceof MinisignError) throw new PublishError(`the pinned public key is not one: ${error.message}`);
    throw error;
  }
  const refuse = (name: string, why: string) =>
    new PublishError(
      `${join(folder.dir, name)} does not verify with the pinned key ${keyIdHex(pinned.keyId)}: ${why}`,
      'Nothing was uploaded. Sign the release with the key of keys/minisign.pub (or pass the right --pubkey), then publish.',
    );
  for (const name of SIGNED_ARTEFACTS) {
    const bytes = bytesOf(name);
    const signature = bytesOf(signatureFileOf(name))?.toString('utf8');
    // requireSignatures has refused a signed file without its signature; a folder without the file has no version.
    if (bytes === undefined || signature === undefined) continue;
    try {
      const fields = verifySignedFile({ file: bytes, signature, publicKey });
      if (fields.version !== folder.version)
        throw new VerifyError(
          'comment-mismatch',
          `its trusted comment signs version ${fields.version}, the folder holds ${folder.version}`,
        );
      if (!(Date.parse(fields.expires) > now.getTime()))
        throw new VerifyError('expired', `it expired at ${fields.expires}: consumers would refuse it`);
    } catch (error) {
      if (error instanceof VerifyError) throw refuse(name, `${error.code}: ${error.message}`);
      throw error;
    }
  }
  const shipped = bytesOf(PUBLIC_KEY_FILE);
  if (shipped !== undefined) {
    let key: PublicKey | undefined;
    try {
      key = parsePublicKey(shipped.toString('utf8'));
    } catch {
      key = undefined;
    }
    if (!key || !key.keyId.equals(pinned.keyId) || !key.key.equals(pinned.key)) {
      throw new PublishError(
        `${join(folder.dir, PUBLIC_KEY_FILE)} is not the pinned key ${keyIdHex(pinned.keyId)}: consumers would be handed the wrong key`,
        'Nothing was uploaded. Rebuild the release (build copies keys/minisign.pub into it).',
      );
    }
  }
}

/**
 * Reads the release table's files from the folder (release/folder.ts), checks what can be checked offline, and takes
 * the version from subprocessors.json. Anything else in the folder is left out, and the log says so.
 */
export async function readPublishFolder(dir: string, log: (line: string) => void = () => undefined): Promise<ReleaseFolder> {
  let contents: ReleaseFolderContents;
  try {
    contents = await readReleaseFolder(dir);
  } catch (error) {
    throw new PublishError(
      `cannot read the release folder ${dir}: ${messageOf(error)}`,
      'Build the release first, then publish its folder.',
    );
  }
  for (const stray of contents.strays) log(`${join(dir, stray)} is not one of the release's files: not uploaded`);
  const files = [...contents.files]
    .map(([name, bytes]): ReleaseFile => ({ name, bytes, sha256: sha256Hex(bytes), mediaType: artefact(name).mediaType }))
    .sort((a, b) => byCodeUnit(a.name, b.name));
  const badName = files.find((file) => !ASSET_NAME.test(file.name));
  if (badName !== undefined) {
    throw new PublishError(
      `${join(dir, badName.name)}: GitHub would rename this asset`,
      'Release file names may use letters, digits, ".", "-" and "_".',
    );
  }
  const version = versionOf(dir, files);
  requireSignatures(dir, files);
  checkSums(dir, contents.files);
  const changelog = files.find((file) => file.name === CHANGELOG_FILE)?.bytes.toString('utf8') ?? '';
  return { dir, version, files, changelog };
}

function versionOf(dir: string, files: readonly ReleaseFile[]): string {
  const document = files.find((file) => file.name === RELEASE_FILE);
  if (!document) throw new PublishError(`${dir} has no ${RELEASE_FILE}`, 'Build the release first, then publish its folder.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(document.bytes.toString('utf8'));
  } catch (error) {
    throw new PublishError(`${join(dir, RELEASE_FILE)} is not JSON: ${messageOf(error)}`);
  }
  const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw new PublishError(`${join(dir, RELEASE_FILE)} has no semver "version"`, 'Rebuild the release: the version names the tag.');
  }
  return version;
}

/** Every file the table signs must travel with its signature: consumers refuse an unsigned document. */
function requireSignatures(dir: string, files: readonly ReleaseFile[]): void {
  const present = new Set(files.map((file) => file.name));
  for (const name of SIGNED_ARTEFACTS) {
    const signature = signatureFileOf(name);
    if (present.has(name) && !present.has(signature)) {
      throw new PublishError(`${dir} has no ${signature}`, 'Sign the release before publishing it: consumers refuse an unsigned document.');
    }
  }
}

/** A release whose SHA256SUMS disagrees with its files would be unusable and, once published, unfixable. */
function checkSums(dir: string, files: ReadonlyMap<ArtefactName, Buffer>): void {
  const [problem] = checksumProblems(files);
  if (problem) throw new PublishError(checksumMessage(dir, problem), 'Rebuild the release.');
}

function checksumMessage(dir: string, problem: ChecksumProblem): string {
  const sums = join(dir, CHECKSUMS_FILE);
  switch (problem.kind) {
    case 'no-checksums':
      return `${dir} has no ${CHECKSUMS_FILE}`;
    case 'unreadable-line':
      return `${sums}: cannot read the line "${problem.line}"`;
    case 'not-a-release-file':
      return `${sums} lists ${problem.name}, which is not one of the release's files`;
    case 'listed-but-absent':
      return `${sums} lists ${problem.name}, which is not in the folder`;
    case 'mismatch':
      return `${join(dir, problem.name)} does not match its line in ${CHECKSUMS_FILE}`;
    case 'unlisted':
      return `${sums} does not list ${problem.name}`;
  }
}

function toPublishError(error: unknown, redact: (line: string) => string): unknown {
  if (error instanceof PublishError)
    return new PublishError(redact(error.message), error.hint === undefined ? undefined : redact(error.hint));
  const status = statusOf(error);
  if (status === undefined) return error;
  const request = requestLine(error);
  if (!hasResponse(error)) {
    // Octokit reports a network failure as status 500 without a response: say what actually happened.
    return new PublishError(
      redact(`could not reach GitHub${request}: ${messageOf(error)}`),
      'Check the network and the API URL, then re-run.',
    );
  }
  const message = gitHubMessage(error) ?? messageOf(error);
  return new PublishError(redact(`GitHub answered ${status}${request}: ${message}`), hintFor(status));
}

function hasResponse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'response' in error && error.response !== undefined;
}

function hintFor(status: number): string | undefined {
  if (status === 401) return 'GitHub rejected the token: check that it is set and has not expired.';
  if (status === 403) return 'The token needs "contents: write" on the repository, or a rate limit outlasted the retries.';
  if (status === 404) return 'Check the owner and repository names, and that the token can see the repository.';
  if (status >= 500)
    return 'GitHub kept failing after retries. Re-run: publishing resumes from the draft and skips what is already uploaded.';
  return undefined;
}

function requestLine(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('request' in error)) return '';
  const request = error.request;
  if (typeof request !== 'object' || request === null || !('method' in request) || !('url' in request)) return '';
  return typeof request.method === 'string' && typeof request.url === 'string' ? ` to ${request.method} ${request.url}` : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
