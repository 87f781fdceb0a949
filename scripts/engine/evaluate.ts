import { withFix, type Diagnostic, type Fix, type JsonPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { START } from '../registry/locate.js';
import type { Finding, Policy, PolicyContext } from './policy.js';
import { applyWaivers, type WaivedDiagnostic } from './waivers.js';

export interface Evaluation {
  readonly diagnostics: Diagnostic[];
  readonly waived: WaivedDiagnostic[];
  /** Policies that did not run, and why. */
  readonly skipped: { policy: string; reason: 'no-base' | 'off' }[];
}

/** The finding's replacement as a fix, only in a file of the head: a base's files are read from git, never written. */
function fixOf(finding: Finding<string>, path: JsonPath, context: PolicyContext): Fix | undefined {
  const { file, replaceWith } = finding;
  if (replaceWith === undefined || !('locate' in file)) return undefined;
  const inHead = context.after.settings === file || context.after.subprocessors.some((entry) => entry === file);
  return inHead ? file.locate.replacement?.(path, finding.target ?? 'value', replaceWith) : undefined;
}

/** What one policy said over a context, before waivers: its located diagnostics, or why it did not run. */
export type Judgement = { readonly diagnostics: Diagnostic[] } | { readonly skipped: Evaluation['skipped'][number]['reason'] };

/** Why a policy does not run in a context (turned off, or needing a base there is not), if it does not. */
export function skipReason(policy: Policy, context: PolicyContext): Evaluation['skipped'][number]['reason'] | undefined {
  const fixed = context.fixedPolicies.has(policy.id);
  const override = fixed ? undefined : context.settings.overrides[policy.id];
  // Off everywhere skips the policy, unless some law turns it back on for its own findings.
  const onForSomeLaw = Object.values(context.settings.lawOverrides).some((levels) => (levels[policy.id] ?? 'off') !== 'off');
  if (override === 'off' && !onForSomeLaw) return 'off';
  if (policy.needsHistory && !context.before) return 'no-base';
  return undefined;
}

/**
 * Runs one policy over a context and turns its findings into located diagnostics, at the severity the settings
 * give them. Pure: the policy gets data, reports paths, and never sees a line number or prints anything.
 */
export function judge(policy: Policy, context: PolicyContext): Judgement {
  const skipped = skipReason(policy, context);
  if (skipped !== undefined) return { skipped };
  const fixed = context.fixedPolicies.has(policy.id);
  const override = fixed ? undefined : context.settings.overrides[policy.id];
  const byLaw = (law: string | undefined) => (fixed || law === undefined ? undefined : context.settings.lawOverrides[law]?.[policy.id]);
  const diagnostics: Diagnostic[] = [];
  policy.check(context, (finding: Finding<string>) => {
    const path = finding.path ?? [];
    const position = 'locate' in finding.file ? finding.file.locate(path, finding.target) : START;
    // A law's own setting beats the registry-wide one for that law's findings, as a file's ESLint rule beats the project's.
    const configured = byLaw(finding.law) ?? override;
    if (configured === 'off') return;
    const declared = finding.severity ?? policy.severities?.[finding.messageId] ?? policy.severity;
    // A configured severity replaces the policy's default; messages with their own level (notices) keep it.
    const severity = configured !== undefined && declared === policy.severity ? configured : declared;
    const diagnostic = makeDiagnostic(policy, finding.messageId, { file: finding.file.file, path, ...position }, finding.data, severity);
    if (finding.subprocessor !== undefined) diagnostic.subprocessor = finding.subprocessor;
    if (finding.law !== undefined) diagnostic.law = finding.law;
    diagnostics.push(withFix(diagnostic, fixOf(finding, path, context)));
  });
  return { diagnostics };
}

/** The judgements of policies, in order, as one evaluation: their diagnostics with the settings' waivers applied. */
export function settle(judgements: readonly (readonly [Policy, Judgement])[], context: PolicyContext): Evaluation {
  const diagnostics: Diagnostic[] = [];
  const skipped: Evaluation['skipped'] = [];
  for (const [policy, judgement] of judgements) {
    if ('skipped' in judgement) skipped.push({ policy: policy.id, reason: judgement.skipped });
    else diagnostics.push(...judgement.diagnostics);
  }
  const { active, waived } = applyWaivers(diagnostics, context.settings.waivers, context.today, context.fixedPolicies);
  return { diagnostics: active, waived, skipped };
}

/** Runs every policy over a context: located diagnostics, waivers applied. */
export function evaluate(policies: readonly Policy[], context: PolicyContext): Evaluation {
  return settle(
    policies.map((policy) => [policy, judge(policy, context)] as const),
    context,
  );
}
