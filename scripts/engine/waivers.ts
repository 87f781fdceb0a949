import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Waiver {
  readonly policy: string;
  readonly subprocessor?: string;
  /** The id of the law whose findings it covers (uk-gdpr); absent, every law's. */
  readonly law?: string;
  readonly reason: string;
  readonly expires: string;
  /** Where it is declared: registry.yaml, waivers[index]. */
  readonly index: number;
}

export type WaivedDiagnostic = Diagnostic & { waiver: { reason: string; expires: string } };

/**
 * Splits findings into those that stand and those a live waiver covers. Expired waivers cover nothing. A waiver that
 * names a law covers only the findings judged under that law (the finding's law id); a finding of no law, none.
 */
export function applyWaivers(
  diagnostics: readonly Diagnostic[],
  waivers: readonly Waiver[],
  today: string,
  unwaivable: ReadonlySet<string>,
): { active: Diagnostic[]; waived: WaivedDiagnostic[]; used: Set<number> } {
  const live = waivers.filter((w) => w.expires >= today && w.reason.trim() !== '');
  const active: Diagnostic[] = [];
  const waived: WaivedDiagnostic[] = [];
  const used = new Set<number>();
  for (const d of diagnostics) {
    // Notices are announcements for customers, not faults: a waiver of a policy's errors leaves them.
    const waiver =
      unwaivable.has(d.policy) || d.kind === 'notice'
        ? undefined
        : live.find(
            (w) =>
              w.policy === d.policy &&
              (w.subprocessor === undefined || w.subprocessor === d.subprocessor) &&
              (w.law === undefined || w.law === d.law),
          );
    if (!waiver) {
      active.push(d);
      continue;
    }
    used.add(waiver.index);
    waived.push({ ...d, waiver: { reason: waiver.reason, expires: waiver.expires } });
  }
  return { active, waived, used };
}
