/* Generated from schemas/output.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * What `subproc validate --format json` (and the other checking commands) print: the diagnostics and a summary.
 */
export interface CommandOutput {
  /**
   * Always "subproc".
   */
  tool: 'subproc';
  /**
   * Version of subproc that produced the output.
   */
  version: string;
  /**
   * The command that produced the output.
   */
  command: 'validate' | 'check';
  /**
   * The registry that was read: a directory, or REF:path for a git ref.
   */
  registry: string;
  /**
   * Counts over the whole run.
   */
  summary: {
    /**
     * Files read, the settings file included.
     */
    files: number;
    /**
     * Subprocessor files that loaded and validated.
     */
    subprocessors: number;
    /**
     * Diagnostics of severity error.
     */
    errors: number;
    /**
     * Diagnostics of severity warning.
     */
    warnings: number;
    /**
     * Diagnostics of severity info.
     */
    infos: number;
    /**
     * Findings covered by a live waiver: not counted in errors or warnings.
     */
    waived: number;
    /**
     * check with a base: findings the base has already, not counted in errors, warnings or infos.
     */
    unchanged?: number;
  };
  /**
   * Every finding, sorted by file, line and column.
   */
  diagnostics: DiagnosticRecord[];
  /**
   * check: the git ref the change is compared with; absent when no base was available.
   */
  base?: string;
  /**
   * Whose data counted under each law, and why: the reading of GDPR Art. 3 (or the law's equivalent) the transfer policies applied.
   */
  transferScope?: {
    /**
     * The law's id (eu-gdpr).
     */
    law: string;
    /**
     * establishment: every user's data; users-in-zone: only the data of users inside the law's zone.
     */
    reading: 'establishment' | 'users-in-zone';
    /**
     * Why this reading: the setting, or the controller's establishment.
     */
    because: string;
  }[];
  /**
   * What each transfer mechanism id the registry uses means under each law, in the W3C Data Privacy Vocabulary, as a release's legalBases: one item per law and mechanism.
   */
  legalBases?: {
    /**
     * The law's id (eu-gdpr).
     */
    law: string;
    /**
     * subproc's mechanism id (scc).
     */
    mechanism: string;
    /**
     * The DPV legal-basis concepts, as IRIs.
     *
     * @minItems 1
     */
    dpv: [string, ...string[]];
  }[];
  /**
   * Policies that did not run, such as those that need a base when there is none.
   */
  skipped?: string[];
  /**
   * Findings covered by a live waiver, with the waiver.
   */
  waived?: DiagnosticRecord[];
  changes?: ChangeSummary;
}
/**
 * One finding, located in a file.
 */
export interface DiagnosticRecord {
  /**
   * Id of the policy or built-in check that reported it (kebab-case, stable).
   */
  policy: string;
  /**
   * Which of the policy's messages this is (kebab-case, stable).
   */
  messageId: string;
  /**
   * error fails the run; warning and info do not by default.
   */
  severity: 'error' | 'warning' | 'info';
  /**
   * The rendered message, for a person.
   */
  message: string;
  /**
   * finding: something to fix or accept; notice: a change customers must be told of, not a fault; settings: a change to how the registry is judged (policy settings, waivers), which takes effect after merge.
   */
  kind?: 'finding' | 'notice' | 'settings';
  /**
   * check with a base: new when the change introduces it, unchanged when the base has the same finding (same policy, message, law, subprocessor and JSON path). Only new findings fail a change review.
   */
  baseline?: 'new' | 'unchanged';
  /**
   * The values the message was rendered from, by placeholder name: what a program reads instead of the prose.
   */
  data?: {
    [k: string]: string | number;
  };
  /**
   * How to fix it, where there is a fix.
   */
  hint?: string;
  /**
   * Path of the file, relative to the repository root, with forward slashes.
   */
  file: string;
  /**
   * JSON path to the offending value inside the file; empty for the whole file.
   */
  path?: (string | number)[];
  /**
   * 1-based line of the offending node.
   */
  line: number;
  /**
   * 1-based column of the offending node.
   */
  column: number;
  /**
   * Repository path of the page that explains the policy.
   */
  docs: string;
  /**
   * Id of the subprocessor the finding concerns, where there is one.
   */
  subprocessor?: string;
  /**
   * Id of the law the finding is judged under (eu-gdpr, uk-gdpr, ch-fadp), for findings of a per-law policy; waivers and per-law severities match it.
   */
  law?: string;
  /**
   * The exact replacement the hint names, where there is exactly one (subproc check --fix applies it): a place code, a mechanism id, a misspelt key or value.
   */
  fix?: {
    /**
     * Start and end offsets (UTF-16 code units, end excluded) of the text to replace in the file, as ESLint's fix.range.
     *
     * @minItems 2
     * @maxItems 2
     */
    range: [number, number];
    /**
     * What to write there: one value or key, in the quoting style it had.
     */
    text: string;
  };
  /**
   * For a waived finding: the waiver that covers it.
   */
  waiver?: {
    /**
     * Why it is waived.
     */
    reason: string;
    /**
     * Last day of the waiver.
     */
    expires: string;
  };
}
/**
 * check with a base: what the change does to the registry.
 */
export interface ChangeSummary {
  /**
   * New subprocessors.
   */
  added: EntryChange[];
  /**
   * Subprocessors whose status went to retired.
   */
  retired: EntryChange[];
  /**
   * Retired subprocessors made active again: for customers, a new engagement.
   */
  reactivated: EntryChange[];
  /**
   * Subprocessor files deleted.
   */
  deleted: EntryChange[];
  /**
   * Subprocessors changed in other ways.
   */
  modified: EntryChange[];
}
/**
 * One subprocessor in a change.
 */
export interface EntryChange {
  /**
   * Subprocessor id.
   */
  id: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * Its file.
   */
  file: string;
  /**
   * Places and mechanisms after the change, as PLACE: mechanism.
   */
  places?: string[];
  /**
   * Field-level differences.
   */
  fields?: {
    /**
     * The field, e.g. locations[US].mechanism.
     */
    field: string;
    /**
     * Value before; absent when added.
     */
    before?: unknown;
    /**
     * Value after; absent when removed.
     */
    after?: unknown;
  }[];
}
