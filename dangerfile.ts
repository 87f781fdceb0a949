// The pull-request bot: a thin adapter from Danger to the engine behind `subproc check`. It runs from the trusted
// base checkout; the pull request's registry is read from git as data (blobs of the head commit), never executed.
import { danger, fail, markdown, schedule, warn } from 'danger';
import { reviewPullRequest } from './build/scripts/pipeline/review.js';
import { shippedSetup } from './build/scripts/pipeline/shipped.js';
import { blobLinks, NO_LINKS } from './build/scripts/format/links.js';
import { todayUtc } from './build/scripts/diagnostics/dates.js';

async function changedLines(file: string): Promise<ReadonlySet<number>> {
  const diff = await danger.git.structuredDiffForFile(file);
  const lines = new Set<number>();
  for (const chunk of diff?.chunks ?? []) {
    for (const change of chunk.changes) if (change.type === 'add') lines.add(change.ln);
  }
  return lines;
}

async function review(): Promise<void> {
  // `danger local` has no GitHub DSL, whatever its types say: no links then, and the refs are branch names.
  const github = danger.github as typeof danger.github | undefined;
  const pr = github?.pr;
  const links = pr ? blobLinks(`${pr.head.repo.html_url}/blob/${pr.head.sha}/`, `${pr.base.repo.html_url}/blob/${pr.base.sha}/`) : NO_LINKS;
  const result = await reviewPullRequest({
    cwd: process.cwd(),
    // comment.yml finds the merge base (where the branch left the base branch) and passes it; the review takes the
    // merge base of whatever it is given, so a run without it (danger local) compares the same way.
    base: process.env.SUBPROC_MERGE_BASE ?? pr?.base.sha ?? danger.git.base,
    head: pr?.head.sha ?? danger.git.head,
    today: process.env.SUBPROC_TODAY ?? todayUtc(),
    links,
    changedLines,
    setup: shippedSetup(),
  });
  for (const finding of result.findings) {
    const report = finding.severity === 'error' ? fail : warn;
    if (finding.inline) report(finding.text, finding.file, finding.line);
    else report(finding.text);
  }
  if (result.omitted > 0) {
    warn(
      `${result.omitted} more findings are not listed here: run \`npx subproc check --base ${pr?.base.ref ?? danger.git.base}\` locally, or read the job summary.`,
    );
  }
  markdown(result.markdown);
}

schedule(review());
