// The GitHub Action's bundle (action/index.js) run as the runner runs it: a child process with GitHub's variables,
// the event file of a pull request, INPUT_*, and GITHUB_API_URL pointing at the stand-in, in a real git repository.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputs, runAction, type ActionRun } from './helpers/action.js';
import { gitRepo } from './helpers/git-repo.js';
import { renderGfm, tags, visibleText } from './helpers/gfm.js';
import { changedFilesFromDiff, startGitHubStandIn, type GitHubStandIn, type IssueComment } from './helpers/github-standin.js';
import { pullRequestEvent, writePullRequestEvent } from './helpers/pr-event.js';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { vendorYaml } from './helpers/vendor-yaml.js';
import { US_VENDOR_NO_MECHANISM } from './helpers/vendors.js';

const REPO = 'acme-privacy/subprocessors';
const NUMBER = 7;
const TOKEN = 'ghs_reviewToken';
const TODAY = '2026-11-30';

/** main: the shipped registry. The pull request: drops Twilio, adds a US vendor with no transfer mechanism (2 errors). */
function pullRequestRepo(change: Record<string, string> = { 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }) {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  repo.git('checkout', '-q', '-b', 'new-analytics');
  repo.git('rm', '-q', 'registry/subprocessors/twilio.yaml');
  repo.commit(change, 'the pull request');
  const base = repo.git('rev-parse', 'main').trim();
  const head = repo.git('rev-parse', 'HEAD').trim();
  // A later commit on main: the review compares with the merge base, not with this tip.
  repo.git('checkout', '-q', 'main');
  repo.commit({ 'registry/subprocessors/late-vendor.yaml': vendorYaml('late-vendor', { locations: [{ place: 'US' }] }) }, 'merged later');
  const baseTip = repo.git('rev-parse', 'HEAD').trim();
  return { repo, base, head, baseTip };
}

function eventEnv(work: string, eventName: string, pr: { base: string; head: string }, apiUrl = 'http://127.0.0.1:9'): NodeJS.ProcessEnv {
  const event = { repo: REPO, number: NUMBER, base: { ref: 'main', sha: pr.base }, head: { ref: 'new-analytics', sha: pr.head } };
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: writePullRequestEvent(work, { action: 'synchronize', author: 'dpo-alice', ...event }),
    GITHUB_REPOSITORY: REPO,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: apiUrl,
    GITHUB_SHA: pr.head,
    SUBPROC_TODAY: TODAY,
  };
}

describe('the action, mode review, on a pull_request event', () => {
  const { repo, head, baseTip } = pullRequestRepo();
  const work = tempDir('subproc-action-review-');
  const env = eventEnv(work.dir, 'pull_request', { base: baseTip, head });
  afterAll(() => {
    repo.cleanup();
    work.cleanup();
  });

  it('annotates the findings, writes the job summary and the SARIF file, and fails on errors', async () => {
    const run = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ mode: 'review' }) } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=registry\/subprocessors\/acme-analytics\.yaml,line=7,/m);
    expect(run.stdout).toMatch(/^::error file=registry\/subprocessors\/twilio\.yaml,line=1,/m);
    expect(run.stdout).not.toContain('late-vendor');
    expect(run.summary).toContain('❌ **Changes needed**: 2 errors, 0 warnings');
    expect(run.summary).toContain(`https://github.com/${REPO}/blob/${head}/registry/subprocessors/acme-analytics.yaml#L7`);
    expect(run.outputs).toMatchObject({ errors: '2', warnings: '0', head, base: repo.git('rev-parse', 'main~1').trim() });
    const sarif = JSON.parse(readFileSync(run.outputs.sarif ?? '', 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results.length).toBeGreaterThanOrEqual(2);
  });

  it('fail-on: never passes with the same findings; warning fails on warnings too', async () => {
    const never = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ 'fail-on': 'never' }) } });
    expect(never.code).toBe(0);
    expect(never.outputs.errors).toBe('2');
    const clean = await runAction({
      cwd: repo.dir,
      work: work.dir,
      env: { ...env, ...inputs({ 'fail-on': 'warning', base: baseTip, head: baseTip }) },
    });
    expect(clean.code).toBe(0);
    expect(clean.outputs.errors).toBe('0');
  });

  it('refuses a bad input with a located annotation and exit 2, and a push without base and head', async () => {
    const bad = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ 'fail-on': 'sometimes' }) } });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(
      /^::error title=subproc::subproc: the input fail-on must be one of error, warning, never, not "sometimes"%0A/m,
    );
    const push = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, GITHUB_EVENT_NAME: 'push' } });
    expect(push.code).toBe(2);
    expect(push.stdout).toContain('the inputs base and head are required outside pull_request and pull_request_target events');
    const unknown = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ head: 'no-such-branch' }) } });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('the head "no-such-branch" is no commit in this clone%0A');
    expect(`${bad.stderr}${push.stderr}${unknown.stderr}`).not.toMatch(/\n\s+at /);
  });
});

describe('the action, mode comment, on pull_request_target, against the GitHub stand-in', () => {
  // The job's clone holds main only, as actions/checkout of the base does; the head is fetched as data from origin.
  const { repo: origin, base, head, baseTip } = pullRequestRepo();
  origin.git('update-ref', `refs/pull/${String(NUMBER)}/head`, head);
  const work = tempDir('subproc-action-comment-');
  const clone = join(work.dir, 'workspace');
  let standIn: GitHubStandIn;
  const runs: { run: ActionRun; comments: IssueComment[] }[] = [];

  beforeAll(async () => {
    origin.git('clone', '-q', '--no-local', '--single-branch', '--branch', 'main', `file://${origin.dir}`, clone);
    expect(() => origin.git('-C', clone, 'cat-file', '-e', `${head}^{commit}`)).toThrow();
    const diff = origin.git('diff', '--no-color', `${base}...${head}`);
    standIn = await startGitHubStandIn({
      repo: REPO,
      number: NUMBER,
      base: { ref: 'main', sha: baseTip },
      head: { ref: 'new-analytics', sha: head },
      title: 'Add Acme Analytics, drop Twilio',
      files: changedFilesFromDiff(diff),
      diff,
      token: TOKEN,
      // Someone pasted the marker into a comment of their own: the action must not take it over.
      comments: [{ body: '<!-- subproc-review -->\nlooks fine to me', login: 'mallory' }],
    });
    const env = {
      ...eventEnv(work.dir, 'pull_request_target', { base: baseTip, head }, standIn.url),
      ...inputs({ mode: 'comment', 'github-token': TOKEN }),
    };
    for (const today of ['2026-11-30', '2026-12-01']) {
      const run = await runAction({ cwd: clone, work: work.dir, env: { ...env, SUBPROC_TODAY: today } });
      runs.push({ run, comments: structuredClone(standIn.comments) });
    }
  }, 60_000);

  afterAll(async () => {
    await standIn.close();
    origin.cleanup();
    work.cleanup();
  });

  const run = (i: number) => {
    const found = runs[i];
    if (!found) throw new Error(`run ${String(i)} did not happen`);
    return found;
  };

  it('fetches the head as data, posts one comment with the findings, and a failing status on the head', () => {
    const { run: first, comments } = run(0);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const ours = comments.filter((c) => c.user?.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    const body = ours[0]?.body ?? '';
    expect(body.startsWith('<!-- subproc-review -->\n')).toBe(true);
    expect(body).toContain('#### ❌ Errors (2)');
    expect(body).toContain('❌ **Changes needed**: 2 errors, 0 warnings');
    expect(body).toContain('| added | Acme Analytics | US: no mechanism | starts 2027-01-15 |');
    expect(body).toContain(
      `[registry/subprocessors/acme-analytics.yaml:7:5](https://github.com/${REPO}/blob/${head}/registry/subprocessors/acme-analytics.yaml#L7)`,
    );
    expect(body).not.toContain('late-vendor');
    expect(standIn.statuses[0]).toMatchObject({
      state: 'failure',
      context: 'subproc',
      description: '2 errors, 0 warnings (subproc registry)',
    });
    expect(standIn.statuses[0]?.url).toContain(head);
    expect(first.outputs).toMatchObject({ errors: '2', warnings: '0', head });
    // The fetch went through git from origin: the clone now has the head as a remote-tracking ref, nothing checked out.
    expect(origin.git('-C', clone, 'rev-parse', 'refs/remotes/pull/head').trim()).toBe(head);
    expect(origin.git('-C', clone, 'rev-parse', 'HEAD').trim()).toBe(baseTip);
    expect(standIn.unexpected()).toEqual([]);
  });

  it('edits its own comment on the next run instead of adding one, and leaves the look-alike alone', () => {
    const { run: second, comments } = run(1);
    expect(second.code).toBe(1);
    expect(comments).toHaveLength(2);
    const ours = comments.filter((c) => c.user?.login === 'github-actions[bot]');
    expect(ours.map((c) => c.id)).toEqual(
      run(0)
        .comments.filter((c) => c.user?.login === 'github-actions[bot]')
        .map((c) => c.id),
    );
    expect(ours[0]?.body).toContain('may start processing on **2026-12-31** at the earliest');
    expect(comments.find((c) => c.user?.login === 'mallory')?.body).toBe('<!-- subproc-review -->\nlooks fine to me');
    const posts = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/issues/${String(NUMBER)}/comments`));
    const patches = standIn.requests.filter((r) => r.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(r.path));
    expect([posts.length, patches.length]).toEqual([1, 1]);
    expect(standIn.statuses).toHaveLength(2);
  });

  it('sends the token to the API and to nothing else it prints', () => {
    for (const r of standIn.requests) expect(r.headers.authorization).toBe(`token ${TOKEN}`);
    for (const { run: each } of runs) expect(`${each.stdout}${each.stderr}`).not.toContain(TOKEN);
  });
});

describe('the action, mode comment, on a fork’s pull request with hostile registry text', () => {
  const HOSTILE = '<!-- Evil [x](https://evil.example) ![i](https://evil.example/p.png) @privacy-team <script>alert(1)</script>';
  const { repo, base, head } = pullRequestRepo({
    'registry/subprocessors/evil.yaml': vendorYaml('evil', {
      name: JSON.stringify(HOSTILE),
      locations: [{ place: 'US' }],
      since: '2027-06-01',
    }),
  });
  const work = tempDir('subproc-action-fork-');
  let standIn: GitHubStandIn;
  let result: ActionRun;

  beforeAll(async () => {
    const diff = repo.git('diff', '--no-color', `${base}...${head}`);
    standIn = await startGitHubStandIn({
      repo: REPO,
      number: NUMBER,
      base: { ref: 'main', sha: base },
      head: { ref: 'new-analytics', sha: head },
      title: 'Add a vendor',
      files: changedFilesFromDiff(diff),
      diff,
      token: TOKEN,
    });
    // The event of a fork: the head repository is the contributor's.
    const event = pullRequestEvent({
      action: 'opened',
      repo: REPO,
      number: NUMBER,
      base: { ref: 'main', sha: base },
      head: { ref: 'new-analytics', sha: head },
    });
    const headRepo = event.pull_request.head.repo;
    if (headRepo)
      Object.assign(headRepo, { full_name: 'mallory/subprocessors', html_url: 'https://github.com/mallory/subprocessors', fork: true });
    const eventPath = join(work.dir, 'fork-event.json');
    writeFileSync(eventPath, JSON.stringify(event));
    result = await runAction({
      cwd: repo.dir,
      work: work.dir,
      env: {
        ...eventEnv(work.dir, 'pull_request_target', { base, head }, standIn.url),
        GITHUB_EVENT_PATH: eventPath,
        ...inputs({ mode: 'comment', 'github-token': TOKEN }),
      },
    });
  }, 60_000);

  afterAll(async () => {
    await standIn.close();
    repo.cleanup();
    work.cleanup();
  });

  it('shows the vendor name as text: no link, image, script, mention or comment of its making', () => {
    expect(result.code).toBe(1);
    const body = standIn.comments[0]?.body ?? '';
    const html = renderGfm(body);
    expect([...html.matchAll(/<!--[\s\S]*?-->/g)].map((m) => m[0])).toEqual(['<!-- subproc-review -->']);
    for (const name of ['img', 'script']) expect(tags(html, name), name).toEqual([]);
    for (const a of tags(html, 'a')) expect(a).toMatch(/^<a href="https:\/\/github\.com\/(mallory|acme-privacy)\/subprocessors\/blob\//);
    expect(visibleText(html).replace(/\u200b/g, '')).toContain(HOSTILE);
    expect(visibleText(html)).not.toMatch(/(^|\s)@privacy-team/);
  });
});
