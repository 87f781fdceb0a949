import { withFix, type Diagnostic, type Fix, type JsonPath, type Severity } from '../diagnostics/diagnostic.js';
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

/**
 * Runs every policy over a context and turns findings into located diagnostics. Pure: the policies get data,
 * report paths, and never see a line number or print anything.
 */
export function evaluate(policies: readonly Policy[], context: PolicyContext): Evaluation {
  const overrides: Readonly<Record<string, Severity | 'off'>> = context.settings.overrides;
  const diagnostics: Diagnostic[] = [];
  const skipped: Evaluation['skipped'] = [];
  for (const policy of policies) {
    const fixed = context.fixedPolicies.has(policy.id);
    const override = fixed ? undefined : overrides[policy.id];
    const byLaw = (law: string | undefined) => (fixed || law === undefined ? undefined : context.settings.lawOverrides[law]?.[policy.id]);
    // Off everywhere skips the policy, unless some law turns it back on for its own findings.
    const onForSomeLaw = Object.values(context.settings.lawOverrides).some((levels) => (levels[policy.id] ?? 'off') !== 'off');
    if (override === 'off' && !onForSomeLaw) {
      skipped.push({ policy: policy.id, reason: 'off' });
      continue;
    }
    if (policy.needsHistory && !context.before) {
      skipped.push({ policy: policy.id, reason: 'no-base' });
      continue;
    }
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
  }
  const { active, waived } = applyWaivers(diagnostics, context.settings.waivers, context.today, context.fixedPolicies);
  return { diagnostics: active, waived, skipped };
}
