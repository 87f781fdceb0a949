import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * What makes two findings the same across a change: the policy, the message, the law, the subprocessor (or the file, for
 * findings about no one entry) and the JSON path. Not the line: an edit above a finding moves it without changing it.
 */
function identity(d: Diagnostic): string {
  return [d.policy, d.messageId, d.law ?? '', d.subprocessor ?? d.file, d.path.join('\u0000')].join('\u0001');
}

/** Marks each head finding new or unchanged against the base's, one base finding matching at most one head finding. */
export function markBaseline(head: readonly Diagnostic[], base: readonly Diagnostic[]): Diagnostic[] {
  const remaining = new Map<string, number>();
  for (const d of base) remaining.set(identity(d), (remaining.get(identity(d)) ?? 0) + 1);
  return head.map((d) => {
    const key = identity(d);
    const left = remaining.get(key) ?? 0;
    if (left === 0) return { ...d, baseline: 'new' };
    remaining.set(key, left - 1);
    return { ...d, baseline: 'unchanged' };
  });
}
