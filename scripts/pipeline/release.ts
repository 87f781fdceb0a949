import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCheck, type Setup } from './check.js';
import { previousReleaseBase } from './previous-base.js';
import type { Report } from '../engine/report.js';
import { declaredLaws, jurisdictionIds } from '../engine/settings.js';
import type { Release } from '../generated/release.js';
import { directorySource } from '../registry/dir-source.js';
import { loadRegistry } from '../registry/load.js';
import {
  checksumProblems,
  PUBLIC_KEY_FILE,
  RELEASE_FILE,
  SIGNED_ARTEFACTS,
  signatureFileOf,
  withChecksums,
  type ArtefactName,
  type ReleaseFiles,
} from '../release/artefacts.js';
import { buildRelease, type BuildResult } from '../release/build.js';
import type { JsonFeed } from '../release/feed.js';
import { sourceCommit } from '../release/git-commit.js';
import { readReleaseFolder, updateReleaseFolder, writeReleaseFolder } from '../release/folder.js';
import type { KeySource } from '../release/keys.js';
import { formatPublicKey, type PublicKey, type SecretKey } from '../release/minisign.js';
import { planSignatures, type SignPlan } from '../release/signing.js';
import { verifyRelease, verifySignedFile, VerifyError, type Verified } from '../release/verify.js';

export interface RunBuildInput {
  readonly cwd: string;
  readonly dir: string;
  readonly out: string;
  readonly today: string;
  /** The policies and laws the release's check runs with. */
  readonly setup: Setup;
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

/**
 * Plan and apply, in the spirit of changesets: the `plan…` functions are pure and return the release's files in
 * memory; the others apply a plan to the release folder (through release/folder.ts, its only reader and writer)
 * and return data for the command line to print.
 */

/** build: check, build, and write the release folder (without signature: `sign` adds it). */
export async function runBuild(input: RunBuildInput): Promise<RunBuildOutcome> {
  const source = directorySource(input.dir, input.cwd);
  // Loaded once: the check judges exactly the data the release is written from.
  const registry = await loadRegistry(source);
  // Judged against the previous release, so the history policies run: what customers were last given is the base.
  const base = input.previous ? await previousReleaseBase(input.previous.doc, input.dir, input.cwd) : undefined;
  const report = await runCheck({
    head: source,
    headRegistry: registry,
    ...(base ? { base } : {}),
    today: input.today,
    setup: input.setup,
    mode: 'release',
  });
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
    laws: declaredLaws(input.setup.laws, { jurisdictions: jurisdictionIds(registry.settings.value.jurisdictions) }),
  });
  if (!result.built) return { kind: 'unchanged', version: result.version, report };
  const files = await writeReleaseFolder(resolve(input.cwd, input.out), planRelease(result.files, input.publicKey));
  return { kind: 'built', result: { ...result, files }, report };
}

/** Pure: the files `build` writes: those the table renders, the committed public key when there is one, SHA256SUMS. */
export function planRelease(rendered: ReleaseFiles, publicKey?: string): ReleaseFiles {
  const files = new Map(rendered);
  if (publicKey !== undefined) files.set(PUBLIC_KEY_FILE, Buffer.from(publicKey));
  return withChecksums(files);
}

export type SignOutcome =
  | Exclude<SignPlan, { kind: 'signed' }>
  | {
      readonly kind: 'signed';
      readonly doc: Release;
      readonly signatures: readonly ArtefactName[];
      /** The release's files now in the folder. */
      readonly files: ReleaseFiles;
    };

export interface SignOptions {
  readonly now?: Date;
  /** A one-time key's public half, shipped as minisign.pub: consumers have no other way to get it. */
  readonly shipPublicKey?: PublicKey;
}

/** sign: the signatures of the files the table marks signed, and SHA256SUMS rewritten to cover them. */
export async function signReleaseFolder(out: string, secret: SecretKey, options: SignOptions = {}): Promise<SignOutcome> {
  let before: ReleaseFiles;
  try {
    before = (await readReleaseFolder(out)).files;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'no-release' };
    throw error;
  }
  const plan = planSignatures(before, secret, options.now ?? new Date(), options.shipPublicKey);
  if (plan.kind !== 'signed') return plan;
  return { ...plan, files: await updateReleaseFolder(out, before, plan.files) };
}

export type ReleaseOutcome =
  | Exclude<SignOutcome, { kind: 'signed' }>
  | { readonly kind: 'verified'; readonly verified: Verified; readonly files: ReleaseFiles; readonly publicKeyShipped: boolean };

/**
 * release, after the build: sign (a one-time key's public half shipped beside the release), then read the folder
 * back and verify it as a consumer would.
 */
export async function signAndVerifyRelease(out: string, key: KeySource, now = new Date()): Promise<ReleaseOutcome> {
  // A one-time key's public half, or a key file's when no committed keys/minisign.pub went into the folder: every
  // release carries the key that verifies it (the page links minisign.pub), and consumers are told to pin theirs.
  const shipPublicKey = key.kind === 'ephemeral' || !existsSync(join(out, PUBLIC_KEY_FILE));
  const signed = await signReleaseFolder(out, key.secret, { now, ...(shipPublicKey ? { shipPublicKey: key.publicKey } : {}) });
  if (signed.kind !== 'signed') return signed;
  const { verified, files } = await verifyReleaseFolder(out, formatPublicKey(key.publicKey), now);
  return { kind: 'verified', verified, files, publicKeyShipped: shipPublicKey };
}

/**
 * Reads a release folder back and checks it: SHA256SUMS against the files the table marks, and the document's
 * signature with the minisign.pub shipped beside it (else `publicKey`). Throws when that fails: this run wrote the
 * folder, so a failure is a bug, not a user's mistake.
 */
export async function verifyReleaseFolder(out: string, publicKey: string, now: Date): Promise<{ verified: Verified; files: ReleaseFiles }> {
  const { files } = await readReleaseFolder(out);
  const problems = checksumProblems(files);
  if (problems.length > 0) {
    throw new Error(`${out}: SHA256SUMS disagrees with the release's files (${problems.map((problem) => problem.kind).join(', ')})`);
  }
  const document = files.get(RELEASE_FILE);
  const signature = files.get(signatureFileOf(RELEASE_FILE));
  if (document === undefined || signature === undefined) throw new Error(`${out}: the signed release is not in the folder`);
  const shipped = files.get(PUBLIC_KEY_FILE)?.toString('utf8');
  const verified = verifyRelease({ file: document, signature: signature.toString('utf8'), publicKey: shipped ?? publicKey, now });
  // The other signed files (the page) with the same key: each trusted comment must sign that file's bytes.
  for (const name of SIGNED_ARTEFACTS) {
    if (name === RELEASE_FILE) continue;
    const bytes = files.get(name);
    const its = files.get(signatureFileOf(name));
    if (bytes === undefined || its === undefined) throw new Error(`${out}: ${name} or its signature is not in the folder`);
    try {
      verifySignedFile({ file: bytes, signature: its.toString('utf8'), publicKey: shipped ?? publicKey });
    } catch (error) {
      if (error instanceof VerifyError)
        throw new Error(`${out}: ${name} does not verify (${error.code}): ${error.message}`, { cause: error });
      throw error;
    }
  }
  return { verified, files };
}
