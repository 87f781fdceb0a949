import type { TransferMechanism } from '../generated/subprocessor.js';

/** How published pages word each transfer mechanism (lower case, without the parenthesised detail). */
const WORDINGS: readonly [RegExp, TransferMechanism][] = [
  [/^no (international )?(data )?transfers?$/, 'none'],
  [/^(eu-us |eu-u\.s\. )?data privacy framework( \(dpf\))?$|^dpf$/, 'dpf'],
  [/^(eu )?standard contractual clauses( \(sccs?\))?$|^sccs?$/, 'scc'],
  [/^binding corporate rules( \(bcrs?\))?$|^bcrs?$/, 'bcr'],
  [/^adequacy( decision)?$/, 'adequacy'],
  [/^(approved )?code of conduct$/, 'code-of-conduct'],
  [/^(approved )?certification( mechanism)?$/, 'certification'],
  [/^ad[- ]hoc (contractual )?clauses$/, 'ad-hoc-clauses'],
  [/^(art(icle)?\.? 49 )?derogations?$/, 'derogation'],
  [/^(eu-us )?privacy shield$/, 'privacy-shield'],
  [/^safe harbou?r$/, 'safe-harbor'],
];

export function mechanismOf(wording: string): TransferMechanism | undefined {
  const text = wording.toLowerCase().replace(/\s+/g, ' ').trim();
  return WORDINGS.find(([pattern]) => pattern.test(text))?.[1];
}
