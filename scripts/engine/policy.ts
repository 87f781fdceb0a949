import type { JsonPath, Severity } from '../diagnostics/diagnostic.js';
import type { PolicyMeta } from '../diagnostics/policy-meta.js';
import type { MessageData } from '../diagnostics/template.js';
import type { LoadedFile } from '../registry/load.js';
import type { Change } from './change.js';
import type { Law } from './jurisdiction.js';
import type { JudgingSettings } from './settings.js';
import type { Snapshot } from './snapshot.js';

export interface PolicyContext {
  /** The base of the change; undefined when no history is available. */
  readonly before?: Snapshot;
  readonly after: Snapshot;
  readonly change?: Change;
  /** Severities, periods and waivers, from the trusted side (the base, in a change review). */
  readonly settings: JudgingSettings;
  /** The laws transfers are judged under, each with its facts. */
  readonly laws: readonly Law[];
  /** The date the evaluation runs as, YYYY-MM-DD (UTC). */
  readonly today: string;
  /** What the base is called, for messages (a git ref); undefined without a base. */
  readonly baseLabel?: string;
  /** Ids of every policy, built-in ones included, for configuration that names them. */
  readonly knownPolicies: ReadonlySet<string>;
  /** The policies configuration cannot touch: the loader's, and the ones marked `fixed`. */
  readonly fixedPolicies: ReadonlySet<string>;
  /** The policies whose findings name a law (marked `perLaw`): the only ones a law's own severities can reach. */
  readonly perLawPolicies: ReadonlySet<string>;
}

/** What a policy reports: a message id, its data, and where (a loaded file and a JSON path; the engine finds the line). */
export interface Finding<M extends string> {
  readonly messageId: M;
  readonly file: LoadedFile<unknown> | { readonly file: string };
  readonly path?: JsonPath;
  /** Point at the key of the entry rather than its value. */
  readonly target?: 'key' | 'value';
  readonly data?: MessageData;
  /** The subprocessor concerned, for waivers and change reports. */
  readonly subprocessor?: string;
  /** The id of the law the finding is judged under (uk-gdpr), for per-law policies: waivers and per-law severities match it. */
  readonly law?: string;
  readonly severity?: Severity;
  /**
   * The one value (or key, with target 'key') to write at `path` instead, when the hint names exactly one: evaluate
   * turns it into the diagnostic's fix, for a file of the head only.
   */
  readonly replaceWith?: string;
}

export interface Policy<M extends string = string> extends PolicyMeta<M> {
  /** Messages whose default severity differs from the policy's. */
  readonly severities?: Readonly<Partial<Record<M, Severity>>>;
  /** True for checks of single files that `subproc validate` runs too. */
  readonly partOfValidation?: boolean;
  /** True when the policy compares base and head; it is skipped, and the run says so, without a base. */
  readonly needsHistory?: boolean;
  /** True for a policy no setting may waive, turn off or re-level (it checks the data or the settings themselves). */
  readonly fixed?: boolean;
  /** True when the policy judges under each declared law and every finding names its law (Finding.law). */
  readonly perLaw?: boolean;
  /**
   * True when every finding is about one subprocessor entry (reported at it) and depends only on that entry's data,
   * the judging settings, the laws and the date (and on the date only through the laws' dated facts: law-dates.ts):
   * never on other entries, the registry file or the history. A check then judges only the entries whose findings it
   * does not know yet: an entry the other side holds unchanged takes that side's, and the file cache keeps them
   * between runs (scripts/pipeline/entry-findings.ts).
   */
  readonly perEntry?: boolean;
  check(context: PolicyContext, report: (finding: Finding<M>) => void): void;
}

/** The one shape every policy file exports. */
export function definePolicy<const M extends string>(policy: Policy<M>): Policy<M> {
  return policy;
}
