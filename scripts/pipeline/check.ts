import { FIXED_POLICY_IDS, KNOWN_POLICY_IDS, POLICIES } from '../../policies/index.js';
import type { Report } from '../engine/report.js';
import { loadRegistry, type LoadCache, type Registry } from '../registry/load.js';
import { SourceError, type RegistrySource } from '../registry/source.js';
import { computeChange } from '../engine/change.js';
import { addDays } from '../diagnostics/dates.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { evaluate } from '../engine/evaluate.js';
import type { Policy, PolicyContext, Snapshot } from '../engine/policy.js';
import { EMPTY_SNAPSHOT, toSnapshot } from '../engine/snapshot.js';
import { shippedTransferFacts, type TransferFacts } from '../engine/transfer-facts.js';

export interface RunOptions {
  readonly today: string;
  readonly facts?: TransferFacts;
  readonly policies?: readonly Policy[];
}

function report(
  command: Report['command'],
  label: string,
  fileCount: number,
  valid: number,
  diagnostics: Diagnostic[],
  rest: Partial<Report>,
): Report {
  const sorted = sortDiagnostics(diagnostics);
  return {
    command,
    registry: label,
    files: fileCount,
    subprocessors: valid,
    diagnostics: sorted,
    counts: countBySeverity(sorted),
    waived: [],
    skipped: [],
    ...rest,
  };
}

/** validate: the loader's checks plus the policies that judge single files (unknown-country and the like). */
export async function runValidate(source: RegistrySource, options: RunOptions): Promise<Report> {
  const registry = await loadRegistry(source);
  const after = toSnapshot(registry);
  const policies = (options.policies ?? POLICIES).filter((p) => p.partOfValidation);
  const context: PolicyContext = {
    after,
    facts: options.facts ?? shippedTransferFacts(),
    today: options.today,
    knownPolicies: KNOWN_POLICY_IDS,
    fixedPolicies: FIXED_POLICY_IDS,
  };
  const evaluation = evaluate(policies, context);
  return report(
    'validate',
    registry.label,
    registry.fileCount,
    registry.subprocessors.length,
    [...registry.diagnostics, ...evaluation.diagnostics],
    {
      waived: evaluation.waived,
    },
  );
}

async function loadBase(source: RegistrySource, cache: LoadCache): Promise<Snapshot> {
  try {
    return toSnapshot(await loadRegistry(source, cache));
  } catch (error) {
    // A base from before the registry existed: everything in the head is new.
    if (error instanceof SourceError && error.message.startsWith('no registry at')) return EMPTY_SNAPSHOT;
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
    facts: input.facts ?? shippedTransferFacts(),
    today: input.today,
    knownPolicies: KNOWN_POLICY_IDS,
    fixedPolicies: FIXED_POLICY_IDS,
  };
  const evaluation = evaluate(input.policies ?? POLICIES, context);
  const notice = headRegistry.settings?.value.noticePeriodDays;
  return report(
    'check',
    headRegistry.label,
    headRegistry.fileCount,
    headRegistry.subprocessors.length,
    [...headRegistry.diagnostics, ...evaluation.diagnostics],
    {
      waived: evaluation.waived,
      skipped: evaluation.skipped,
      ...(input.base ? { base: input.base.label } : {}),
      ...(change ? { change } : {}),
      ...(notice !== undefined ? { earliestStart: addDays(input.today, notice) } : {}),
    },
  );
}
