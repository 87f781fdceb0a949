import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc } from '../diagnostics/dates.js';
import { EXIT, type ExitCode, type Io } from '../cli/io.js';
import { fileCacheFor } from '../cli/cache-option.js';
import { printReport, writeReports, type TextFormat } from '../cli/print.js';
import { runCheck } from '../pipeline/check.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { gitSource } from '../registry/git-source.js';
import type { PullRequestContext } from './event.js';
import { failsAt } from '../engine/report.js';
import type { ActionInputs } from './inputs.js';
import { revisionsToReview } from './revisions.js';
import { setOutput } from './runner.js';

/**
 * review: what `subproc check --base B --head H --format github --write markdown:$GITHUB_STEP_SUMMARY --write
 * sarif:FILE` did in pr.yml. Annotations on stdout, the job summary, and a SARIF file for code scanning, whose path
 * is the output `sarif`.
 */
export async function reviewMode(inputs: ActionInputs, pr: PullRequestContext | undefined, io: Io): Promise<ExitCode> {
  const { head, base } = await revisionsToReview({ cwd: io.cwd, base: inputs.base, head: inputs.head, pr, token: inputs.token });
  const env = io.env;
  // Links to the reviewed files at the head commit (reachable in the base repository, forks included).
  const linkBase =
    env.SUBPROC_LINK_BASE ??
    (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${head}/` : undefined);
  const withLinks: Io = { ...io, env: { ...env, ...(linkBase ? { SUBPROC_LINK_BASE: linkBase } : {}) } };
  const report = await runCheck({
    head: gitSource(head, inputs.registry, io.cwd),
    base: { source: gitSource(base.commit, inputs.registry, io.cwd), label: base.label },
    today: env.SUBPROC_TODAY ?? todayUtc(),
    setup: shippedSetup(),
    // The workflow restores .subproc-cache/ from the base branch's run (docs/cache.md), so only changed files are read.
    fileCache: fileCacheFor('review', false, io),
  });
  printReport(report, inputs.format, withLinks);
  const sarif = join(mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), 'subproc-')), 'subproc.sarif');
  const writes: { format: TextFormat; file: string }[] = [{ format: 'sarif', file: sarif }];
  if (env.GITHUB_STEP_SUMMARY) writes.push({ format: 'markdown', file: env.GITHUB_STEP_SUMMARY });
  await writeReports(report, writes, withLinks);
  setOutput(env, 'errors', String(report.counts.errors));
  setOutput(env, 'warnings', String(report.counts.warnings));
  setOutput(env, 'sarif', sarif);
  setOutput(env, 'base', base.commit);
  setOutput(env, 'head', head);
  return failsAt(inputs.failOn, report.counts) ? EXIT.findings : EXIT.ok;
}
