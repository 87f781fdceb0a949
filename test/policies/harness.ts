import { expect } from 'vitest';
import type { Policy } from '../../scripts/engine/policy.js';
import { runCheck, type Setup } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';

export const TODAY = '2026-11-30';

/** registry.yaml of every case unless it gives its own: one category, hosting, and 30 days of notice. */
export const SETTINGS = settingsYaml();

/**
 * The file vendorYaml (test/helpers/vendor-yaml.ts) writes, up to its `locations:` line, then `body`. Kept, with
 * `at`, for the tests outside test/policies that still build files this way (comment-size, formats-read-data,
 * waivers); new tests use vendorYaml.
 */
export function vendor(id: string, body: string, name = `Vendor ${id}`): string {
  const file = vendorYaml(id, { name });
  return `${file.slice(0, file.indexOf('locations:'))}${body.trim()}\n`;
}

/** vendorYaml's `locations:` block for one PLACE (and MECHANISM), then `extra` lines and `status: active`: a body for vendor(). */
export function at(place: string, mechanism?: string, extra = ''): string {
  const file = vendorYaml('x', { locations: [{ place, ...(mechanism === undefined ? {} : { mechanism }) }] });
  return `${file.slice(file.indexOf('locations:'), file.indexOf('status:'))}${extra}status: active\n`;
}

export interface Case {
  readonly name: string;
  /** Subprocessor files of the head, by id (built with vendorYaml of test/helpers/vendor-yaml.ts). */
  readonly after: Readonly<Record<string, string>>;
  /** Subprocessor files of the base; without it the run has no history. */
  readonly before?: Readonly<Record<string, string>>;
  readonly settings?: string;
  /** The base's registry.yaml, when the change alters it; by default the base has the head's. */
  readonly beforeSettings?: string;
  /** Other facts than the shipped ones (a decision not yet in force, say): the laws the run judges with. */
  readonly laws?: Setup['laws'];
  readonly today?: string;
  /** What the policy must report: message id, file id (or a path), and line. Nothing else may be reported. */
  readonly expected: readonly {
    messageId: string;
    line: number;
    file?: string;
    severity?: string;
    /** Where on the line, when the line alone cannot tell (an item of a flow list). */
    column?: number;
    /** Text the rendered message must contain. */
    messageIncludes?: string;
  }[];
}

function tree(settings: string, subs: Readonly<Record<string, string>>): Record<string, string> {
  return { 'registry.yaml': settings, ...Object.fromEntries(Object.entries(subs).map(([id, text]) => [`subprocessors/${id}.yaml`, text])) };
}

/**
 * Runs one policy the way `subproc check` does (real loader, real schemas, real engine) and compares its findings
 * with the case. Message templates throw on a placeholder left without data, so a case also proves the prose renders.
 */
export async function expectCase(policy: Policy, c: Case): Promise<void> {
  const setup = shippedSetup();
  const settings = c.settings ?? SETTINGS;
  const report = await runCheck({
    head: memorySource(tree(settings, c.after)),
    ...(c.before ? { base: { source: memorySource(tree(c.beforeSettings ?? settings, c.before)), label: 'base' } } : {}),
    today: c.today ?? TODAY,
    // Every shipped policy runs, so settings and waivers may name any of them; only this one's findings are compared.
    setup: { ...setup, policies: [...setup.policies.filter((p) => p.id !== policy.id), policy], ...(c.laws ? { laws: c.laws } : {}) },
  });
  const builtins = new Set(setup.builtins.map((b) => b.id));
  const loaderProblems = report.diagnostics.filter((d) => builtins.has(d.policy));
  expect(
    loaderProblems.map((d) => `${d.file}:${d.line} ${d.message}`),
    'the case files must be valid',
  ).toEqual([]);
  const found = report.diagnostics
    .filter((d) => d.policy === policy.id)
    .map((d) => ({ messageId: d.messageId, line: d.line, column: d.column, message: d.message, file: d.file, severity: d.severity }));
  const wanted = c.expected.map((e) => ({
    messageId: e.messageId,
    line: e.line,
    column: e.column ?? (expect.any(Number) as unknown as number),
    message:
      e.messageIncludes === undefined
        ? (expect.any(String) as unknown as string)
        : (expect.stringContaining(e.messageIncludes) as unknown as string),
    file: e.file?.includes('/') ? e.file : `registry/subprocessors/${e.file ?? Object.keys(c.after)[0] ?? '?'}.yaml`,
    severity: e.severity ?? (expect.any(String) as unknown as string),
  }));
  // Order is the report's (file, line, message id), not the order the case lists them in.
  const order = (a: { file: string; line: number; messageId: string }, b: { file: string; line: number; messageId: string }) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.messageId.localeCompare(b.messageId);
  expect([...found].sort(order)).toEqual([...wanted].sort(order));
}

/** Every message of a policy must appear in at least one case: an untested message is an unchecked template. */
export function expectAllMessagesCovered(policy: Policy, cases: readonly Case[]): void {
  const covered = new Set(cases.flatMap((c) => c.expected.map((e) => e.messageId)));
  expect(Object.keys(policy.messages).filter((id) => !covered.has(id))).toEqual([]);
}
