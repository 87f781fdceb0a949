import { addDays } from '../diagnostics/dates.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { policyInfo, type PolicyMeta } from '../diagnostics/policy-meta.js';
import { computeChange } from '../engine/change.js';
import { markBaseline } from '../engine/baseline.js';
import { legalBases } from '../engine/mechanism-concept.js';
import { evaluate } from '../engine/evaluate.js';
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
}

async function loadBase(source: RegistrySource, cache: LoadCache, fileCache: FileCache | undefined): Promise<Base> {
  try {
    const registry = await loadRegistry(source, cache, fileCache);
    return { snapshot: toSnapshot(registry), diagnostics: registry.diagnostics };
  } catch (error) {
    // A base from before the registry existed: everything in the head is new.
    if (error instanceof SourceError && error.code === 'no-registry') return { snapshot: EMPTY_SNAPSHOT, diagnostics: [] };
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
  const evaluation = evaluate(input.setup.policies, context);
  let diagnostics = [...headRegistry.diagnostics, ...evaluation.diagnostics];
  if (base && before && review) {
    // The base judged alone, with the same settings: what it reports already stands on the base branch. Only a
    // policy with a finding in the head can match one (the policy is part of a finding's identity): on a warm
    // cache, running every other one over the whole base was most of the time.
    const reporting = new Set(diagnostics.map((d) => d.policy));
    const policies = input.setup.policies.filter((p) => reporting.has(p.id));
    // An entry both sides share (the same loaded file: same path, same blob) gets the same findings from a
    // per-entry policy on both: the head's stand for the base's, and only the base's other entries are judged.
    const inHead = new Set<LoadedFile<Subprocessor>>(after.subprocessors);
    const sharedFiles = new Set(before.subprocessors.filter((s) => inHead.has(s)).map((s) => s.file));
    const perEntry = new Set(policies.filter((p) => p.perEntry === true).map((p) => p.id));
    const baseOnly: Snapshot = { ...before, subprocessors: before.subprocessors.filter((s) => !inHead.has(s)) };
    const standing = [
      ...evaluate(
        policies.filter((p) => !perEntry.has(p.id)),
        { after: before, ...shared },
      ).diagnostics,
      ...evaluate(
        policies.filter((p) => perEntry.has(p.id)),
        { after: baseOnly, ...shared },
      ).diagnostics,
      ...evaluation.diagnostics.filter((d) => perEntry.has(d.policy) && sharedFiles.has(d.file)),
    ];
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
