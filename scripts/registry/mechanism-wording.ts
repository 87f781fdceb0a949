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
  [/^uk extension( to the eu-us data privacy framework)?$|^(uk-us )?data bridge$/, 'dpf-uk'],
  [/^swiss-u\.?s\.? data privacy framework( \(dpf\))?$/, 'dpf-ch'],
  [/^(uk )?international data transfer agreement( \(idta\))?$|^idta$/, 'uk-idta'],
  [/^(uk )?(international data transfer )?addendum( to the (eu )?(standard contractual clauses|sccs))?$/, 'uk-addendum'],
  [/^(eu-us )?privacy shield$/, 'privacy-shield'],
  [/^safe harbou?r$/, 'safe-harbor'],
];

/** The registry's own ids, which the release's CSV writes: a list exported by subproc imports back as it was. */
const IDS = {
  none: true,
  adequacy: true,
  dpf: true,
  scc: true,
  bcr: true,
  'code-of-conduct': true,
  certification: true,
  'ad-hoc-clauses': true,
  derogation: true,
  'dpf-uk': true,
  'dpf-ch': true,
  'uk-idta': true,
  'uk-addendum': true,
  'privacy-shield': true,
  'safe-harbor': true,
} as const satisfies Record<TransferMechanism, true>;

function isId(text: string): text is TransferMechanism {
  return Object.hasOwn(IDS, text);
}

export function mechanismOf(wording: string): TransferMechanism | undefined {
  const text = wording.toLowerCase().replace(/\s+/g, ' ').trim();
  if (isId(text)) return text;
  return WORDINGS.find(([pattern]) => pattern.test(text))?.[1];
}
