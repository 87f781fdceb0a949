import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { mergeBaseWith } from './base.js';
import { runCheck, type Setup } from './check.js';
import { renderFinding } from '../format/finding.js';
import type { Links } from '../format/links.js';
import { formatMarkdown } from '../format/markdown.js';
import type { Report } from '../engine/report.js';
import { gitSource } from '../registry/git-source.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';

/** What Danger is asked to do with one finding: fail() or warn(), inline when its line is in the diff. */
export interface DangerFinding {
  readonly severity: 'error' | 'warning';
  readonly text: string;
  readonly file: string;
  readonly line: number;
  readonly inline: boolean;
}

export interface Review {
  readonly report: Report;
  readonly findings: readonly DangerFinding[];
  /** Findings left out of the comment to keep it readable and under GitHub's size limit. */
  readonly omitted: number;
  readonly markdown: string;
}

export interface ReviewInput {
  /** The repository both revisions are read from, as git blobs: nothing is checked out. */
  readonly cwd: string;
  readonly base: string;
  readonly head: string;
  readonly today: string;
  readonly links: Links;
  /** Lines added or changed by the pull request, per file; findings on them become inline comments. */
  readonly changedLines: (file: string) => Promise<ReadonlySet<number>>;
  readonly dir?: string;
  /** The policies, built-in policies and laws to judge with: the trusted base's. */
  readonly setup: Setup;
}

/** GitHub rejects comments over 65,536 characters; Danger adds one table row per finding. */
export const MAX_DANGER_FINDINGS = 50;

/**
 * The pull-request review the Danger adapter publishes: the same engine and the same findings as
 * `subproc check --base BASE --head HEAD`, shaped for Danger's fail/warn/markdown.
 */
export async function reviewPullRequest(input: ReviewInput): Promise<Review> {
  const dir = input.dir ?? DEFAULT_REGISTRY_DIR;
  // The merge base, not the base branch's tip: what was merged there since the branch was cut is not this change's.
  const base = await mergeBaseWith(input.cwd, input.head, input.base);
  const report = await runCheck({
    head: gitSource(input.head, dir, input.cwd),
    base: { source: gitSource(base.commit, dir, input.cwd), label: base.label },
    today: input.today,
    setup: input.setup,
  });
  // Only what the pull request introduces fails it or goes inline; the comment folds what the base has already.
  const relevant = report.diagnostics.filter(
    (d): d is Diagnostic & { severity: 'error' | 'warning' } => d.severity !== 'info' && d.baseline !== 'unchanged',
  );
  const shown = relevant.slice(0, MAX_DANGER_FINDINGS);
  const findings: DangerFinding[] = [];
  for (const d of shown) {
    const changed = await input.changedLines(d.file);
    findings.push({ severity: d.severity, text: renderFinding(d, input.links), file: d.file, line: d.line, inline: changed.has(d.line) });
  }
  return { report, findings, omitted: relevant.length - shown.length, markdown: formatMarkdown(report, input.links, { findings: false }) };
}
