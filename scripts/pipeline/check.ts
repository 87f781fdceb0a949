import { addDays } from '../diagnostics/dates.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { policyInfo, type PolicyMeta } from '../diagnostics/policy-meta.js';
import { computeChange } from '../engine/change.js';
import { evaluate } from '../engine/evaluate.js';
import type { Law } from '../engine/jurisdiction.js';
import type { Policy, PolicyContext } from '../engine/policy.js';
import type { Report } from '../engine/report.js';
import { EMPTY_SNAPSHOT, toSnapshot, type Snapshot } from '../engine/snapshot.js';
import { loadRegistry, type LoadCache, type Registry } from '../registry/load.js';
import { SourceError, type RegistrySource } from '../registry/source.js';

/**
 * What a run judges with: the policies, the built-in policies of the loader and the importer (they have ids, docs
 * and settings too), and the laws. The edges pass it in (scripts/pipeline/shipped.ts builds the shipped one), so
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
}

interface Known {
  readonly knownPolicies: ReadonlySet<string>;
  readonly fixedPolicies: ReadonlySet<string>;
}

function known(setup: Setup): Known {
  return {
    knownPolicies: new Set([...setup.policies, ...setup.builtins].map((p) => p.id)),
    // The loader's checks always run, and so do policies that check the data or the settings themselves.
    fixedPolicies: new Set([...setup.builtins.map((p) => p.id), ...setup.policies.filter((p) => p.fixed === true).map((p) => p.id)]),
  };
}

function report(command: Report['command'], setup: Setup, registry: Registry, diagnostics: Diagnostic[], rest: Partial<Report>): Report {
  const sorted = sortDiagnostics(diagnostics);
  return {
    command,
    registry: registry.label,
    files: registry.fileCount,
    subprocessors: registry.subprocessors.length,
    diagnostics: sorted,
    counts: countBySeverity(sorted),
    waived: [],
    skipped: [],
    policies: [...setup.policies, ...setup.builtins].map(policyInfo),
    ...rest,
  };
}

/** validate: the loader's checks plus the policies that judge single files (unknown-country and the like). */
export async function runValidate(source: RegistrySource, options: RunOptions): Promise<Report> {
  const registry = await loadRegistry(source);
  const context: PolicyContext = {
    after: toSnapshot(registry),
    laws: options.setup.laws,
    today: options.today,
    ...known(options.setup),
  };
  const evaluation = evaluate(
    options.setup.policies.filter((p) => p.partOfValidation),
    context,
  );
  return report('validate', options.setup, registry, [...registry.diagnostics, ...evaluation.diagnostics], { waived: evaluation.waived });
}

async function loadBase(source: RegistrySource, cache: LoadCache): Promise<Snapshot> {
  try {
    return toSnapshot(await loadRegistry(source, cache));
  } catch (error) {
    // A base from before the registry existed: everything in the head is new.
    if (error instanceof SourceError && error.code === 'no-registry') return EMPTY_SNAPSHOT;
    throw error;
  }
}

export interface CheckInput extends RunOptions {
  readonly head: RegistrySource;
  /** The head, when the caller has loaded it already (build does, to write the release from it). */
  readonly headRegistry?: Registry;
  readonly base?: { readonly source: RegistrySource; readonly label: string };
}

/**
 * check: loads head (and base), computes the change, evaluates every policy. Problems in the base's files are not
 * reported: the change under review did not make them.
 */
export async function runCheck(input: CheckInput): Promise<Report> {
  const cache: LoadCache = new Map();
  // Listing the base (git processes) overlaps reading the head; its errors surface when the base is loaded.
  input.base?.source.list().catch(() => undefined);
  const headRegistry = input.headRegistry ?? (await loadRegistry(input.head, cache));
  const after = toSnapshot(headRegistry);
  const before = input.base ? await loadBase(input.base.source, cache) : undefined;
  const change = before ? computeChange(before, after) : undefined;
  const context: PolicyContext = {
    after,
    ...(before ? { before } : {}),
    ...(change ? { change } : {}),
    ...(input.base ? { baseLabel: input.base.label } : {}),
    laws: input.setup.laws,
    today: input.today,
    ...known(input.setup),
  };
  const evaluation = evaluate(input.setup.policies, context);
  const notice = headRegistry.settings?.value.noticePeriodDays;
  return report('check', input.setup, headRegistry, [...headRegistry.diagnostics, ...evaluation.diagnostics], {
    waived: evaluation.waived,
    skipped: evaluation.skipped,
    ...(input.base ? { base: input.base.label } : {}),
    ...(change ? { change } : {}),
    ...(notice !== undefined ? { earliestStart: addDays(input.today, notice) } : {}),
  });
}
