import { spawnSync } from 'node:child_process';
import { UsageError } from '../cli/io.js';
import { mergeBaseWith, type ResolvedBase } from '../pipeline/base.js';
import { git } from '../registry/git.js';
import { SourceError } from '../registry/source.js';
import type { PullRequestContext } from './event.js';

/** The two commits a review compares: the head, and the merge base of the head with the requested base. */
export interface Revisions {
  readonly head: string;
  readonly base: ResolvedBase;
}

/** The commit a revision names, or undefined when the clone has none by that name. */
async function commitOf(cwd: string, rev: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd).catch(() => undefined);
  return result?.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/**
 * Fetches the pull request's head as git objects (refs/pull/N/head, which holds a fork's commits too), as
 * comment.yml did: nothing of it is checked out. The token reaches this one git process through its environment
 * (GIT_CONFIG_*), never its arguments, and is not written to .git/config.
 */
function fetchPullHead(cwd: string, pr: PullRequestContext, token: string): void {
  const header = token
    ? {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.extraheader',
        GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
      }
    : {};
  const result = spawnSync('git', ['fetch', '--no-tags', 'origin', `+refs/pull/${pr.number}/head:refs/remotes/pull/head`], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...header },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new UsageError(
      `cannot fetch the pull request's head (refs/pull/${pr.number}/head) from origin: ${(result.stderr || result.error?.message || '').trim()}`,
      'Check out the repository with actions/checkout (fetch-depth: 0) before the action, and give the job contents: read.',
    );
  }
}

/**
 * The head and the merge base to review. Inputs win; on a pull-request event they default to the event's head and
 * base, and a head missing from the clone (pull_request_target checks out the base) is fetched as data. Elsewhere
 * both must be given: a push has no "change" to review without them.
 */
export async function revisionsToReview(options: {
  readonly cwd: string;
  readonly base: string;
  readonly head: string;
  readonly pr: PullRequestContext | undefined;
  readonly token: string;
}): Promise<Revisions> {
  const head = options.head || options.pr?.headSha;
  const base = options.base || options.pr?.baseSha;
  if (!head || !base) {
    throw new UsageError(
      'the inputs base and head are required outside pull_request and pull_request_target events',
      'Pass both, e.g. base: ${{ github.event.before }} and head: ${{ github.sha }} on a push.',
    );
  }
  if (options.pr && head === options.pr.headSha && !(await commitOf(options.cwd, head)))
    fetchPullHead(options.cwd, options.pr, options.token);
  const commit = await commitOf(options.cwd, head);
  if (!commit)
    throw new SourceError(
      'unknown-ref',
      `the head "${head}" is no commit in this clone`,
      'Name an existing commit, and check out the whole history (actions/checkout with fetch-depth: 0).',
    );
  // The merge base, not the base branch's tip: what was merged there since the branch was cut is not this change's.
  return { head: commit, base: await mergeBaseWith(options.cwd, commit, base) };
}
