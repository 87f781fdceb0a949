import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parseReleaseDocument } from '../release/previous.js';
import { join, resolve } from 'node:path';
import { runCheck } from './check.js';
import type { Report } from '../engine/report.js';
import type { Release } from '../generated/release.js';
import { directorySource } from '../registry/dir-source.js';
import { loadRegistry } from '../registry/load.js';
import { buildRelease, CHECKSUMS_FILE, checksums, PUBLIC_KEY_FILE, RELEASE_FILE, SIGNATURE_FILE, type BuildResult } from '../release/build.js';
import type { JsonFeed } from '../release/feed.js';
import { sourceCommit } from '../release/git-commit.js';
import { signRelease } from '../release/signing.js';
import type { SecretKey } from '../release/minisign.js';

export interface RunBuildInput {
  readonly cwd: string;
  readonly dir: string;
  readonly out: string;
  readonly today: string;
  readonly releasedAt: Date;
  readonly reissue: boolean;
  readonly previous?: { doc: Release; feed?: JsonFeed };
  readonly repository?: string;
  readonly repositoryUrl?: string;
  /** minisign.pub to ship beside the release, when the repository has one. */
  readonly publicKey?: string;
}

export type RunBuildOutcome =
  | { kind: 'check-failed'; report: Report }
  | { kind: 'unchanged'; version: string; report: Report }
  | { kind: 'built'; result: Extract<BuildResult, { built: true }>; report: Report };

/** build: check, build, and write the release folder (without signature: `sign` adds it). */
export async function runBuild(input: RunBuildInput): Promise<RunBuildOutcome> {
  const source = directorySource(input.dir, input.cwd);
  // Loaded once: the check judges exactly the data the release is written from.
  const registry = await loadRegistry(source);
  const report = await runCheck({ head: source, headRegistry: registry, today: input.today });
  if (report.counts.errors > 0) return { kind: 'check-failed', report };
  if (!registry.settings) return { kind: 'check-failed', report };
  const result = buildRelease({
    settings: registry.settings.value,
    subprocessors: registry.subprocessors.map((s) => s.value),
    ...(input.previous ? { previous: input.previous } : {}),
    releasedAt: input.releasedAt,
    commit: await sourceCommit(input.cwd, input.dir),
    ...(input.repository ? { repository: input.repository } : {}),
    ...(input.repositoryUrl ? { repositoryUrl: input.repositoryUrl } : {}),
    reissue: input.reissue,
  });
  if (!result.built) return { kind: 'unchanged', version: result.version, report };
  const files = new Map(result.files);
  if (input.publicKey !== undefined) files.set(PUBLIC_KEY_FILE, Buffer.from(input.publicKey));
  await writeReleaseFolder(resolve(input.cwd, input.out), files);
  return { kind: 'built', result: { ...result, files }, report };
}

/** Every file a release folder may hold: only these are ever removed from it. */
export const RELEASE_FILES = [
  RELEASE_FILE,
  SIGNATURE_FILE,
  CHECKSUMS_FILE,
  'CHANGELOG.md',
  'feed.json',
  'subprocessors.csv',
  'subprocessors.md',
  PUBLIC_KEY_FILE,
];

/**
 * Writes a release, first removing the release files of an older one (its signature above all, which would not
 * match); other files in the folder are left alone.
 */
export async function writeReleaseFolder(out: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const name of RELEASE_FILES) await rm(join(out, name), { force: true });
  for (const [name, bytes] of files) await writeFile(join(out, name), bytes);
  await writeFile(join(out, CHECKSUMS_FILE), checksums(files));
}

/** A release that must not be signed: it is already past its expiry. */
export class ExpiredReleaseError extends Error {}

/** sign: the release document's signature, and SHA256SUMS updated to cover it. */
export async function signReleaseFolder(out: string, secret: SecretKey, now = new Date()): Promise<{ doc: Release; signature: string }> {
  const path = join(out, RELEASE_FILE);
  const bytes = await readFile(path);
  const doc = parseReleaseDocument(bytes.toString('utf8'), path);
  if (Date.parse(doc.expiresAt) <= now.getTime()) {
    throw new ExpiredReleaseError(
      `release ${doc.version} expired at ${doc.expiresAt}: build it again with the current time before signing`,
    );
  }
  const signature = signRelease(secret, doc, bytes, RELEASE_FILE);
  await writeFile(join(out, SIGNATURE_FILE), signature);
  const files = new Map<string, Uint8Array>();
  const present = new Set(await readdir(out));
  for (const name of RELEASE_FILES) if (name !== CHECKSUMS_FILE && present.has(name)) files.set(name, await readFile(join(out, name)));
  await writeFile(join(out, CHECKSUMS_FILE), checksums(files));
  return { doc, signature };
}
