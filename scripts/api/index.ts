// The library entry point (`import … from 'subproc'`): a small, stable surface over the pipeline, for services that
// fetch and verify a release and for tools that check a registry without the command line. Everything else in
// build/ is internal and may change in any release.
import { todayUtc } from '../diagnostics/dates.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { computeChange as computeSnapshotChange, type Change } from '../engine/change.js';
import type { Report } from '../engine/report.js';
import { toSnapshot, type Snapshot } from '../engine/snapshot.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { runCheck, runValidate, type Setup } from '../pipeline/check.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { checkSources, registrySource } from '../pipeline/sources.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { loadRegistry as loadFromSource, type Registry } from '../registry/load.js';
import type { RegistrySource } from '../registry/source.js';

export { version } from '../version.js';
export { verifyRelease, verifySignature, VerifyError, type VerifyInput, type Verified, type VerifyFailure } from '../release/verify.js';
export { SourceError } from '../registry/source.js';
export { formatJson } from '../format/json.js';
export type { Release } from '../generated/release.js';
export type { RegistrySettings, Subprocessor, Diagnostic, Report, Change, Setup };
export { mechanismsOf } from '../registry/location-mechanisms.js';
// What changed between two releases, for a customer or a downstream system (`subproc diff`): verify both first.
export { diffReleases, renderDiffText, type DiffOptions, type ReleaseDiff, type ReleaseDiffItem } from '../release/diff.js';
export { changeItems, type ChangeItem, type ChangeKind, type EntryChange, type FieldChange } from '../engine/change.js';

/** Where a registry is read from: a folder of the work tree, or the same folder at a git commit, branch or tag. */
export interface RegistryLocation {
  /** The registry folder, relative to `cwd` (default `registry`). */
  readonly dir?: string;
  /** A git revision to read the folder at instead of the work tree; the repository is the one holding `cwd`. */
  readonly ref?: string;
  /** Default: process.cwd(). */
  readonly cwd?: string;
}

/** A registry as the tool reads it: the valid entries, the settings, and what was wrong with the rest. */
export interface LoadedRegistry {
  readonly settings: RegistrySettings | undefined;
  /** The subprocessor files that parsed and passed the schema, in file order. */
  readonly subprocessors: readonly Subprocessor[];
  /** The loader's findings (schema, YAML, file names), located; empty for a clean registry. */
  readonly diagnostics: readonly Diagnostic[];
  /** The internal form, for computeChange. */
  readonly snapshot: Snapshot;
}

function sourceOf(location: RegistryLocation | string | undefined): RegistrySource {
  const where: RegistryLocation = typeof location === 'string' ? { dir: location } : (location ?? {});
  return registrySource(where.dir ?? DEFAULT_REGISTRY_DIR, where.cwd ?? process.cwd(), where.ref);
}

function loaded(registry: Registry): LoadedRegistry {
  return {
    settings: registry.settings?.value,
    subprocessors: registry.subprocessors.map((file) => file.value),
    diagnostics: registry.diagnostics,
    snapshot: toSnapshot(registry),
  };
}

/**
 * Reads a registry (a folder, or `{ dir, ref }` for a git revision). Invalid files do not throw: they are left out
 * of `subprocessors` and reported in `diagnostics`. A missing folder or an unknown revision throws a SourceError.
 */
export async function loadRegistry(location?: RegistryLocation | string): Promise<LoadedRegistry> {
  return loaded(await loadFromSource(sourceOf(location)));
}

export interface CheckOptions {
  /** The registry under review (default: the `registry` folder of the work tree). */
  readonly head?: RegistryLocation | string;
  /**
   * The git revision to compare with. The review compares with the merge base of it and the head, as the pull
   * request bot does. `null` checks without a base (no history policies); left out, the default branch is tried.
   */
  readonly base?: string | null;
  /** YYYY-MM-DD; default today (UTC). Dates in the registry are judged against it. */
  readonly today?: string;
  /** Other policies or facts; default the shipped ones. */
  readonly setup?: Setup;
}

/** What `subproc check` does, returned as data: `report.counts.errors > 0` is what makes the command exit 1. */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const headWhere: RegistryLocation = typeof options.head === 'string' ? { dir: options.head } : (options.head ?? {});
  const sources = await checkSources({
    cwd: headWhere.cwd ?? process.cwd(),
    dir: headWhere.dir ?? DEFAULT_REGISTRY_DIR,
    ...(headWhere.ref !== undefined ? { head: headWhere.ref } : {}),
    ...(options.base !== undefined ? { base: options.base } : {}),
    expected: options.base !== undefined && options.base !== null,
  });
  return runCheck({
    ...sources,
    today: options.today ?? todayUtc(),
    setup: options.setup ?? shippedSetup(),
  });
}

/** What `subproc validate` does: the schema and the single-file policies, no history. */
export async function validate(location?: RegistryLocation | string, options: Omit<CheckOptions, 'head' | 'base'> = {}): Promise<Report> {
  return runValidate(sourceOf(location), { today: options.today ?? todayUtc(), setup: options.setup ?? shippedSetup() });
}

/** What changed from one registry to another: added, removed, retired and modified vendors, field by field. */
export function computeChange(before: LoadedRegistry, after: LoadedRegistry): Change {
  return computeSnapshotChange(before.snapshot, after.snapshot);
}

export { shippedSetup };
