import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import {
  changedFilesFromDiff,
  loopbackOnlyNodeOptions,
  startGitHubStandIn,
  type GitHubStandIn,
  type IssueComment,
  type PullRequestCommit,
  type RecordedRequest,
  type ReviewComment,
} from './helpers/github-standin.js';
import { githubActionsEnv, runDangerCi, writePullRequestEvent } from './helpers/pr-event.js';
import type { CliResult } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const REPO = 'acme-privacy/subprocessors';
const NUMBER = 42;
const VENDORS_BEFORE = ['- id: aws', '  name: Amazon Web Services', '  region: eu-west-1', ''].join('\n');
const VENDORS_AFTER = ['- id: aws', '  name: Amazon Web Services', '  region: us-east-1', '  retention: 30 days', ''].join('\n');

/**
 * Plain JavaScript using Danger's globals, so the run depends neither on the project's dangerfile nor on a
 * transpiler. The inline warning sits on a line the pull request adds, so GitHub can anchor it in the diff.
 */
function dangerfile(failText: string | undefined): string {
  if (failText === undefined) return '// Nothing to report: Danger then removes what it posted before.\n';
  return [
    `fail(${JSON.stringify(failText)});`,
    `warn('Check the retention period', 'registry/vendors.yaml', 4);`,
    'const changed = [...danger.git.created_files, ...danger.git.modified_files, ...danger.git.deleted_files];',
    "markdown('Changed: ' + changed.sort().join(', '));",
    'schedule(async () => {',
    "  const diff = await danger.git.diffForFile('registry/vendors.yaml');",
    "  markdown('After: ' + JSON.stringify(diff.after));",
    '});',
    '',
  ].join('\n');
}

describe('danger ci against the GitHub stand-in', () => {
  const repo = gitRepo({ 'registry/vendors.yaml': VENDORS_BEFORE, 'registry/legacy.yaml': '- id: legacy\n' });
  const work = tempDir('subproc-danger-ci-');
  let standIn: GitHubStandIn;
  let base: string;
  let head: string;
  // Snapshots after each run, since later runs edit and delete what earlier ones posted.
  const runs: { result: CliResult; requests: RecordedRequest[]; comments: IssueComment[]; reviewComments: ReviewComment[] }[] = [];

  beforeAll(async () => {
    repo.git('checkout', '-q', '-b', 'vendor-update');
    repo.git('rm', '-q', 'registry/legacy.yaml');
    repo.commit({ 'registry/vendors.yaml': VENDORS_AFTER, 'registry/new-vendor.yaml': '- id: mailer\n' }, 'Move AWS to us-east-1');
    base = repo.git('rev-parse', 'main').trim();
    head = repo.git('rev-parse', 'HEAD').trim();
    const diff = repo.git('diff', '--no-color', '--no-ext-diff', '--find-renames', `${base}...${head}`);
    const commits: PullRequestCommit[] = repo
      .git('log', '--reverse', '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s', `${base}..${head}`)
      .trim()
      .split('\n')
      .map((line) => {
        const [sha = '', parents = '', name = '', email = '', date = '', message = ''] = line.split('\0');
        return { sha, parents: parents.split(' '), message, author: { name, email, date } };
      });

    standIn = await startGitHubStandIn({
      repo: REPO,
      number: NUMBER,
      base: { ref: 'main', sha: base },
      head: { ref: 'vendor-update', sha: head },
      title: 'Move AWS to us-east-1',
      body: 'Vendor update',
      author: 'dpo-alice',
      files: changedFilesFromDiff(diff),
      diff,
      commits,
      token: 'ghs_standInToken',
      fileContents: (path, ref) => {
        try {
          return repo.git('show', `${ref}:${path}`);
        } catch {
          return undefined;
        }
      },
    });
    const event = { repo: REPO, number: NUMBER, base: { ref: 'main', sha: base }, head: { ref: 'vendor-update', sha: head } };
    const eventPath = writePullRequestEvent(work.dir, { action: 'synchronize', author: 'dpo-alice', ...event });
    const env = githubActionsEnv({
      apiUrl: standIn.url,
      eventPath,
      token: 'ghs_standInToken',
      nodeOptions: loopbackOnlyNodeOptions(work.dir),
      ...event,
    });
    const file = join(work.dir, 'dangerfile.js');
    for (const failText of ['First review: AWS needs a transfer mechanism', 'Second review: still no mechanism', undefined]) {
      writeFileSync(file, dangerfile(failText));
      const before = standIn.requests.length;
      const result = await runDangerCi(['--dangerfile', file, '--failOnErrors'], repo.dir, env);
      runs.push({
        result,
        requests: standIn.requests.slice(before),
        comments: structuredClone(standIn.comments),
        reviewComments: structuredClone(standIn.reviewComments),
      });
    }
  });

  afterAll(async () => {
    await standIn.close();
    repo.cleanup();
    work.cleanup();
  });

  const run = (index: number) => {
    const found = runs[index];
    if (!found) throw new Error(`run ${index} did not happen`);
    return found;
  };
  const routes = (requests: RecordedRequest[]) => requests.map((r) => r.route);

  it('posts one comment holding the failure and the markdown, and fails the run', () => {
    const { result, comments } = run(0);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Failing the build, there is 1 fail.');
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body).toContain('First review: AWS needs a transfer mechanism');
    expect(body).toContain('Changed: registry/legacy.yaml, registry/new-vendor.yaml, registry/vendors.yaml');
    // Read back through GET /contents, base64 and all.
    expect(body).toContain(`After: ${JSON.stringify(VENDORS_AFTER)}`);
    // The hidden marker is how the next run finds this comment again.
    expect(body).toContain('DangerID: danger-id-Danger;');
    expect(comments[0]?.user?.login).toBe('github-actions[bot]');
  });

  it('calls exactly these GitHub routes on a first run', () => {
    expect(new Set(routes(run(0).requests))).toEqual(
      new Set([
        'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
        'GET /repos/{owner}/{repo}/issues/{issue_number}',
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        'GET /repos/{owner}/{repo}/contents/{path}',
        'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        'POST /repos/{owner}/{repo}/statuses/{sha}',
      ]),
    );
    const files = run(0).requests.find((r) => r.route === 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files');
    // Danger asks for the diff media type here yet parses the answer as JSON, as GitHub sends for this route.
    expect(files?.headers.accept).toBe('application/vnd.github.v3.diff');
    expect(files?.query).toEqual({ page: '1', per_page: '100' });
  });

  it('posts the inline warning as a review, at the position of the line in the diff', () => {
    const review = run(0).requests.find((r) => r.route === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews');
    const { reviewComments } = run(0);
    expect(review?.body).toMatchObject({ event: 'COMMENT', commit_id: head, comments: [{ path: 'registry/vendors.yaml' }] });
    expect(reviewComments).toHaveLength(1);
    expect(reviewComments[0]).toMatchObject({ path: 'registry/vendors.yaml', line: 4, side: 'RIGHT', commit_id: head });
    // diff_hunk ends at the commented line, so this checks the position Danger computed from the patch.
    expect(reviewComments[0]?.diff_hunk.split('\n').pop()).toBe('+  retention: 30 days');
    expect(reviewComments[0]?.body).toContain('Check the retention period');
  });

  it('sets a failing commit status on the head commit', () => {
    const status = run(0).requests.find((r) => r.route === 'POST /repos/{owner}/{repo}/statuses/{sha}');
    expect(status?.path).toBe(`/repos/${REPO}/statuses/${head}`);
    expect(status?.body).toMatchObject({ state: 'failure', context: 'Danger' });
  });

  it('edits the same comment on the second run instead of adding one', () => {
    const first = run(0).comments[0];
    const { result, requests, comments } = run(1);
    expect(result.code).toBe(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(first?.id);
    expect(comments[0]?.body).toContain('Second review: still no mechanism');
    expect(comments[0]?.body).not.toContain('First review');
    const writes = requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([`PATCH /repos/${REPO}/issues/comments/${String(first?.id)}`, `POST /repos/${REPO}/statuses/${head}`]);
  });

  it('leaves an unchanged inline comment alone on the second run', () => {
    expect(run(1).reviewComments.map((c) => c.id)).toEqual(run(0).reviewComments.map((c) => c.id));
    expect(routes(run(1).requests)).not.toContain('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews');
    expect(routes(run(1).requests)).not.toContain('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}');
  });

  it('removes its comments and passes once the dangerfile passes', () => {
    const { result, comments } = run(2);
    expect(result.code).toBe(0);
    expect(comments).toEqual([]);
    expect(run(2).reviewComments).toEqual([]);
    expect(standIn.statuses.map((s) => s.state)).toEqual(['failure', 'failure', 'success']);
  });

  it('calls nothing the stand-in does not know, always with the token, and never leaves 127.0.0.1', () => {
    expect(standIn.unexpected()).toEqual([]);
    expect(standIn.requests.filter((r) => r.headers.authorization !== 'token ghs_standInToken')).toEqual([]);
    for (const { result } of runs) expect(result.stderr).not.toContain('loopback-only');
  });
});

describe('the GitHub stand-in on its own', () => {
  const sha = (c: string) => c.repeat(40);
  const patch = '@@ -1,2 +1,2 @@\n a\n-b\n+B';
  let standIn: GitHubStandIn;
  beforeAll(async () => {
    standIn = await startGitHubStandIn({
      repo: 'o/r',
      number: 3,
      base: { ref: 'main', sha: sha('a') },
      head: { ref: 'topic', sha: sha('b') },
      title: 'Topic',
      files: [{ filename: 'x.txt', status: 'modified', patch }],
      diff: `diff --git a/x.txt b/x.txt\nindex 1..2 100644\n--- a/x.txt\n+++ b/x.txt\n${patch}\n`,
      token: 't0k',
    });
  });
  afterAll(() => standIn.close());

  const call = async (method: string, path: string, init: { body?: unknown; accept?: string; token?: string } = {}) => {
    const response = await fetch(`${standIn.url}${path}`, {
      method,
      headers: { authorization: `token ${init.token ?? 't0k'}`, accept: init.accept ?? 'application/vnd.github+json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('answers an unknown route with GitHub 404 body, and records it as unexpected', async () => {
    const response = await call('GET', '/repos/o/r/check-runs');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    expect(standIn.unexpected().map((r) => r.path)).toEqual(['/repos/o/r/check-runs']);
  });

  it('serves the raw diff for the diff media type, JSON otherwise, and one page only', async () => {
    const diff = await call('GET', '/repos/o/r/pulls/3', { accept: 'application/vnd.github.v3.diff' });
    expect(diff.text).toContain('diff --git a/x.txt b/x.txt');
    const pr = await call('GET', '/repos/o/r/pulls/3');
    expect(JSON.parse(pr.text)).toMatchObject({ number: 3, head: { sha: sha('b'), ref: 'topic' }, changed_files: 1, additions: 1 });
    expect(JSON.parse((await call('GET', '/repos/o/r/pulls/3/files?page=2&per_page=100')).text)).toEqual([]);
    expect((await call('GET', '/repos/o/r/pulls/4')).status).toBe(404);
  });

  it('refuses a wrong token and a review outside the diff, as GitHub does', async () => {
    expect((await call('GET', '/repos/o/r/pulls/3', { token: 'other' })).status).toBe(401);
    const review = { commit_id: sha('b'), event: 'COMMENT', body: '', comments: [{ path: 'x.txt', position: 9, body: 'hm' }] };
    expect((await call('POST', '/repos/o/r/pulls/3/reviews', { body: review })).status).toBe(422);
    expect(standIn.reviews).toEqual([]);
    const onLine = { ...review, comments: [{ path: 'x.txt', line: 2, side: 'RIGHT', body: 'hm' }] };
    expect((await call('POST', '/repos/o/r/pulls/3/reviews', { body: onLine })).status).toBe(200);
    expect(standIn.reviewComments[0]).toMatchObject({ position: 3, line: 2, diff_hunk: patch });
  });
});
