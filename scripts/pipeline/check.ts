import { addDays } from '../diagnostics/dates.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { policyInfo, type PolicyMeta } from '../diagnostics/policy-meta.js';
import { computeChange } from '../engine/change.js';
import { markBaseline } from '../engine/baseline.js';
import { legalBases } from '../engine/mechanism-concept.js';
import { evaluate, judge, settle, type Judgement } from '../engine/evaluate.js';
import type { Law } from '../engine/jurisdiction.js';
import type { Policy, PolicyContext } from '../engine/policy.js';
import type { Report } from '../engine/report.js';
import { declaredLaws, judgingSettings, readingOf, type JudgingSettings } from '../engine/settings.js';
import { EMPTY_SNAPSHOT, toSnapshot, type Snapshot } from '../engine/snapshot.js';
import type { FileCache } from '../registry/file-cache.js';
import { SUBPROCESSORS_DIR } from '../registry/layout.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { loadRegistry, type LoadCache, type LoadedFile, type Registry } from '../registry/load.js';
import { SourceError, type RegistrySource } from '../registry/source.js';
import { entryFindingsCache, judgePerEntry, type EntryDiagnostics, type PerEntryJudgement, type Side } from './entry-findings.js';

/**
 * What a run judges with: the policies, the built-in policies of the loader and the importer (they have ids, docs
 * and settings too), and the laws the package has facts for (a run judges under those the registry declares). The edges pass it in (scripts/pipeline/shipped.ts builds the shipped one), so
 * tests and adopters can run other policies or other facts.
 */
export interface Setup {
  readonly policies: readonly Policy[];
  readonly builtins: readonly PolicyMeta[];
  readonly laws: readonly Law[];
}

export interface RunOptions {
  readonly today: string;
  readonly setup: Setup;
  /** Results of files kept between runs (registry/file-cache.ts); none: every file is parsed and validated. */
  readonly fileCache?: FileCache;
}

interface Known {
  readonly knownPolicies: ReadonlySet<string>;
  readonly fixedPolicies: ReadonlySet<string>;
  readonly perLawPolicies: ReadonlySet<string>;
}

function known(setup: Setup): Known {
  return {
    knownPolicies: new Set([...setup.policies, ...setup.builtins].map((p) => p.id)),
    // The loader's checks always run, and so do policies that check the data or the settings themselves.
    fixedPolicies: new Set([...setup.builtins.map((p) => p.id), ...setup.policies.filter((p) => p.fixed === true).map((p) => p.id)]),
    perLawPolicies: new Set(setup.policies.filter((p) => p.perLaw === true).map((p) => p.id)),
  };
}

function report(
  command: Report['command'],
  setup: Setup,
  registry: Registry,
  settings: JudgingSettings,
  diagnostics: Diagnostic[],
  rest: Partial<Report>,
): Report {
  const sorted = sortDiagnostics(diagnostics);
  // With a base, only what the change introduces counts; what the base has already is shown apart.
  const counted = sorted.filter((d) => d.baseline !== 'unchanged');
  return {
    command,
    registry: registry.label,
    files: registry.fileCount,
    subprocessors: registry.subprocessors.length,
    diagnostics: sorted,
    counts: countBySeverity(counted),
    unchanged: sorted.length - counted.length,
    waived: [],
    skipped: [],
    policies: [...setup.policies, ...setup.builtins].map(policyInfo),
    readings: declaredLaws(setup.laws, settings).map((law) => readingOf(law, settings)),
    legalBases: legalBases(
      registry.subprocessors.map((s) => s.value),
      declaredLaws(setup.laws, settings),
    ),
    ...rest,
  };
}

/** validate: the loader's checks plus the policies that judge single files (unknown-country and the like). */
export async function runValidate(source: RegistrySource, options: RunOptions): Promise<Report> {
  const registry = await loadRegistry(source, undefined, options.fileCache);
  const after = toSnapshot(registry);
  const settings = judgingSettings(after);
  const context: PolicyContext = {
    after,
    settings,
    laws: declaredLaws(options.setup.laws, settings),
    today: options.today,
    ...known(options.setup),
  };
  const evaluation = evaluate(
    options.setup.policies.filter((p) => p.partOfValidation),
    context,
  );
  return report('validate', options.setup, registry, settings, [...registry.diagnostics, ...evaluation.diagnostics], {
    waived: evaluation.waived,
  });
}

interface Base {
  readonly snapshot: Snapshot;
  /** The loader's findings on the base's files: the baseline for the head's. */
  readonly diagnostics: readonly Diagnostic[];
  readonly blobIds: ReadonlyMap<string, string>;
}

async function loadBase(source: RegistrySource, cache: LoadCache, fileCache: FileCache | undefined): Promise<Base> {
  try {
    const registry = await loadRegistry(source, cache, fileCache);
    return { snapshot: toSnapshot(registry), diagnostics: registry.diagnostics, blobIds: registry.blobIds };
  } catch (error) {
    // A base from before the registry existed: everything in the head is new.
    if (error instanceof SourceError && error.code === 'no-registry')
      return { snapshot: EMPTY_SNAPSHOT, diagnostics: [], blobIds: new Map() };
    throw error;
  }
}

/**
 * The source, listed at most once and asked at most once per folder which files git's index vouches for: a check
 * asks for both before it loads the head, so that git answers while the base is being read.
 */
function askedOnce(source: RegistrySource): RegistrySource {
  let listing: ReturnType<RegistrySource['list']> | undefined;
  const indexed = new Map<string, Promise<ReadonlyMap<string, string>>>();
  const indexedIds = source.indexedIds?.bind(source);
  const once = indexedIds
    ? {
        indexedIds(within: string) {
          const asked = indexed.get(within) ?? indexedIds(within);
          indexed.set(within, asked);
          return asked;
        },
      }
    : {};
  return { ...source, ...once, list: () => (listing ??= source.list()) };
}

export interface CheckInput extends RunOptions {
  readonly head: RegistrySource;
  /** The head, when the caller has loaded it already (build does, to write the release from it). */
  readonly headRegistry?: Registry;
  readonly base?: { readonly source: RegistrySource; readonly label: string };
  /**
   * review (default): a change judged with the base's settings, its findings marked new or unchanged, only new ones
   * counted. release: the head is what was merged; its own settings apply and every finding counts, the base (the
   * previous release) only supplying the history the history policies need.
   */
  readonly mode?: 'review' | 'release';
}

/** Each policy's judgement, in order: a per-entry policy's from `perEntry`, every other one's judged now. */
function judgeAll(policies: readonly Policy[], context: PolicyContext, perEntry: PerEntryJudgement): [Policy, Judgement][] {
  return policies.map((policy) => [policy, perEntry.judgements.get(policy.id) ?? judge(policy, context)]);
}

/**
 * check: loads head (and base), computes the change, evaluates every policy with the trusted side's settings, and
 * marks each finding new or unchanged against the base's own. Problems in the base's files are not reported: the
 * change under review did not make them.
 */
export async function runCheck(input: CheckInput): Promise<Report> {
  const cache: LoadCache = new Map();
  // The base is loaded first: its files are the ones a cache restored from the base branch holds, as one pack
  // (registry/file-cache.ts), and the head then finds every file it shares with the base in `cache`. The head's
  // listing comes first all the same, so that its errors are the ones reported, as when it was loaded first.
  const head = askedOnce(input.head);
  // Listing the base (git processes) overlaps listing the head; its errors surface when the base is loaded.
  input.base?.source.list().catch(() => undefined);
  // So do the head's git processes (ls-files, diff-files), which would otherwise wait until the base is loaded.
  if (input.base && !input.headRegistry) head.indexedIds?.(SUBPROCESSORS_DIR).catch(() => undefined);
  let headRegistry = input.headRegistry;
  // A head without a registry throws before the base is looked at.
  if (!headRegistry && (!input.base || (await head.list()) === undefined)) headRegistry = await loadRegistry(head, cache, input.fileCache);
  const base = input.base ? await loadBase(input.base.source, cache, input.fileCache) : undefined;
  headRegistry ??= await loadRegistry(head, cache, input.fileCache);
  const after = toSnapshot(headRegistry);
  const before = base?.snapshot;
  const change = before ? computeChange(before, after) : undefined;
  const review = input.mode !== 'release';
  const settings = judgingSettings(after, before, review);
  const shared = { laws: declaredLaws(input.setup.laws, settings), today: input.today, settings, ...known(input.setup) };
  const context: PolicyContext = {
    after,
    ...(before ? { before } : {}),
    ...(change ? { change } : {}),
    ...(input.base ? { baseLabel: input.base.label } : {}),
    ...shared,
  };
  const perEntry = input.setup.policies.filter((p) => p.perEntry === true);
  const findings = input.fileCache ? entryFindingsCache(input.fileCache, perEntry, context) : undefined;
  const headSide: Side = { entries: after.subprocessors, blobIds: headRegistry.blobIds };
  const baseSide: Side | undefined = base && before ? { entries: before.subprocessors, blobIds: base.blobIds } : undefined;
  const found = findings?.lookup(baseSide ? [headSide, baseSide] : [headSide]);
  const headPerEntry = judgePerEntry(perEntry, context, (entry) => findings?.known(entry, headRegistry.blobIds));
  // The cache keeps a side's findings when it held none for either: the base's, kept below, serve every later
  // review of a change to it, which is what a cache restored from the base branch is for.
  if (found === undefined && headPerEntry.byEntry) findings?.store(headSide, headPerEntry.byEntry);
  const evaluation = settle(judgeAll(input.setup.policies, context, headPerEntry), context);
  let diagnostics = [...headRegistry.diagnostics, ...evaluation.diagnostics];
  if (base && before && baseSide && review) {
    // The base judged alone, with the same settings: what it reports already stands on the base branch. Only a
    // policy with a finding in the head can match one (the policy is part of a finding's identity): on a warm
    // cache, running every other one over the whole base was most of the time.
    const reporting = new Set(diagnostics.map((d) => d.policy));
    const policies = input.setup.policies.filter((p) => reporting.has(p.id));
    const baseContext: PolicyContext = { after: before, ...shared };
    // An entry both sides share (the same loaded file: same path, same blob) gets from a per-entry policy on the base
    // what it got on the head; an entry the cache knows, what the cache says; only the base's others are judged,
    // by every per-entry policy when the cache is to keep the base's findings (a few entries), else by those needed.
    const knownInBase = (entry: LoadedFile<Subprocessor>): EntryDiagnostics | undefined =>
      headPerEntry.byEntry?.get(entry) ?? findings?.known(entry, base.blobIds);
    // Only when neither side's record was found: a re-run that found the head's found the base's kept the first time.
    const keepBase = findings !== undefined && found === undefined && headPerEntry.byEntry !== undefined;
    const basePerEntry = judgePerEntry(keepBase ? perEntry : policies.filter((p) => p.perEntry === true), baseContext, knownInBase);
    if (keepBase && basePerEntry.byEntry) findings.store(baseSide, basePerEntry.byEntry);
    const standing = settle(judgeAll(policies, baseContext, basePerEntry), baseContext).diagnostics;
    diagnostics = markBaseline(diagnostics, [...base.diagnostics, ...standing]);
  }
  return report('check', input.setup, headRegistry, settings, diagnostics, {
    waived: evaluation.waived,
    skipped: evaluation.skipped,
    ...(input.base ? { base: input.base.label } : {}),
    ...(change ? { change } : {}),
    earliestStart: addDays(input.today, settings.noticePeriodDays),
  });
}
