import type { RegistrySettings } from '../generated/registry.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import type { LoadedFile } from '../registry/load.js';
import type { Change } from './change.js';
import type { JsonPath, Severity } from '../diagnostics/diagnostic.js';
import type { PolicyMeta } from '../diagnostics/policy-meta.js';
import type { MessageData } from '../diagnostics/template.js';
import type { TransferFacts } from './transfer-facts.js';

/** One side of a change: the registry as loaded, indexed by id. */
export interface Snapshot {
  readonly settings?: LoadedFile<RegistrySettings>;
  readonly subprocessors: readonly LoadedFile<Subprocessor>[];
  readonly byId: ReadonlyMap<string, LoadedFile<Subprocessor>>;
  /** Every subprocessor file present, valid or not, by id → path. */
  readonly files: ReadonlyMap<string, string>;
}

export interface PolicyContext {
  /** The base of the change; undefined when no history is available. */
  readonly before?: Snapshot;
  readonly after: Snapshot;
  readonly change?: Change;
  readonly facts: TransferFacts;
  /** The date the evaluation runs as, YYYY-MM-DD (UTC). */
  readonly today: string;
  /** What the base is called, for messages (a git ref); undefined without a base. */
  readonly baseLabel?: string;
  /** Ids of every policy and built-in check, for configuration that names them. */
  readonly knownPolicies: ReadonlySet<string>;
  /** The checks configuration cannot touch: the loader's, and the one that checks the configuration. */
  readonly fixedPolicies: ReadonlySet<string>;
}

/** Where a finding is: a loaded file and a JSON path in it (the engine finds the line), or a bare path. */
export interface Report<M extends string> {
  readonly messageId: M;
  readonly file: LoadedFile<unknown> | { readonly file: string };
  readonly path?: JsonPath;
  /** Point at the key of the entry rather than its value. */
  readonly target?: 'key' | 'value';
  readonly data?: MessageData;
  /** The subprocessor concerned, for waivers and change reports. */
  readonly subprocessor?: string;
  readonly severity?: Severity;
}

export interface Policy<M extends string = string> extends PolicyMeta<M> {
  /** Messages whose default severity differs from the policy's. */
  readonly severities?: Readonly<Partial<Record<M, Severity>>>;
  /** True for checks of single files that `subproc validate` runs too. */
  readonly partOfValidation?: boolean;
  /** True when the policy compares base and head; it is skipped, and the run says so, without a base. */
  readonly needsHistory?: boolean;
  check(context: PolicyContext, report: (finding: Report<M>) => void): void;
}

/** The one shape every policy file exports. */
export function definePolicy<const M extends string>(policy: Policy<M>): Policy<M> {
  return policy;
}
