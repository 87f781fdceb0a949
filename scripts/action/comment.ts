import type { Octokit } from '@octokit/rest';
import { todayUtc } from '../diagnostics/dates.js';
import { EXIT, UsageError, type ExitCode, type Io } from '../cli/io.js';
import { blobLinks } from '../format/links.js';
import { reviewPullRequest, type Review } from '../pipeline/review.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { createOctokit } from '../release/github-client.js';
import type { PullRequestContext } from './event.js';
import { failsAt } from '../engine/report.js';
import type { ActionInputs } from './inputs.js';
import { revisionsToReview } from './revisions.js';
import { setOutput } from './runner.js';

/** Marks the review comment so that a later run edits it instead of adding another. Invisible when rendered. */
export const COMMENT_MARKER = '<!-- subproc-review -->';
/** The commit status's context: what a branch protection rule requires. */
export const STATUS_CONTEXT = 'subproc';

/** The comment: the findings the pull request introduces (errors first), then the verdict, changes and notices. */
export function commentBody(review: Review, repairCommand: string): string {
  const lines = [COMMENT_MARKER];
  for (const severity of ['error', 'warning'] as const) {
    const group = review.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`#### ${severity === 'error' ? '❌ Errors' : '⚠️ Warnings'} (${group.length})`, '', ...group.map((f) => `- ${f.text}`), '');
  }
  if (review.omitted > 0)
    lines.push(`${review.omitted} more findings are not listed here: run \`${repairCommand}\` locally, or read the job summary.`, '');
  lines.push(review.markdown);
  return lines.join('\n');
}

async function ownComment(octokit: Octokit, owner: string, repo: string, issue: number): Promise<number | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 });
  // Only a bot's comment: anyone can paste the marker into a comment of their own.
  const found = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').startsWith(COMMENT_MARKER));
  return found?.id;
}

/**
 * comment: the review as one comment on the pull request, edited in place on later runs, and a commit status on
 * the head. What Danger did in comment.yml, with Octokit and the engine's reviewPullRequest: the adopter's
 * repository needs neither a build of subproc nor Danger. The head is read from git as data, never checked out.
 */
export async function commentMode(inputs: ActionInputs, pr: PullRequestContext | undefined, io: Io): Promise<ExitCode> {
  if (!pr) throw new UsageError('mode comment needs a pull_request or pull_request_target event', 'Use mode review on other events.');
  if (!inputs.token)
    throw new UsageError(
      'mode comment needs the input github-token',
      'Its default, ${{ github.token }}, does: give the job issues: write, pull-requests: write and statuses: write.',
    );
  const [owner, repo] = pr.baseRepository.split('/');
  if (!owner || !repo) throw new UsageError(`the event's base repository "${pr.baseRepository}" is not OWNER/NAME`);
  const { head, base } = await revisionsToReview({ cwd: io.cwd, base: inputs.base, head: inputs.head, pr, token: inputs.token });
  const review = await reviewPullRequest({
    cwd: io.cwd,
    base: base.commit,
    head,
    today: io.env.SUBPROC_TODAY ?? todayUtc(),
    links: blobLinks(`${pr.headHtmlUrl ?? pr.baseHtmlUrl}/blob/${head}/`, `${pr.baseHtmlUrl}/blob/${pr.baseSha}/`),
    // Every finding goes into the comment; none is posted inline.
    changedLines: () => Promise.resolve(new Set<number>()),
    dir: inputs.registry,
    setup: shippedSetup(),
  });
  const octokit = createOctokit({
    token: inputs.token,
    ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const body = commentBody(review, `npx subproc check ${inputs.registry} --base ${base.commit.slice(0, 12)} --head ${head.slice(0, 12)}`);
  const existing = await ownComment(octokit, owner, repo, pr.number);
  const comment = existing
    ? (await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body })).data
    : (await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body })).data;
  const { counts } = review.report;
  const fails = failsAt(inputs.failOn, counts);
  await octokit.rest.repos.createCommitStatus({
    owner,
    repo,
    sha: head,
    state: fails ? 'failure' : 'success',
    context: STATUS_CONTEXT,
    description: `${counts.errors} errors, ${counts.warnings} warnings (subproc ${inputs.registry})`.slice(0, 140),
    target_url: comment.html_url,
  });
  io.stdout.write(
    `${existing ? 'edited' : 'posted'} the review comment ${comment.html_url}: ${counts.errors} errors, ${counts.warnings} warnings\n`,
  );
  setOutput(io.env, 'errors', String(counts.errors));
  setOutput(io.env, 'warnings', String(counts.warnings));
  setOutput(io.env, 'comment-url', comment.html_url);
  setOutput(io.env, 'base', base.commit);
  setOutput(io.env, 'head', head);
  return fails ? EXIT.findings : EXIT.ok;
}
