import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGERFILE } from './helpers/danger.js';
import { gitRepo } from './helpers/git-repo.js';
import { US_VENDOR_NO_MECHANISM } from './helpers/vendors.js';
import {
  changedFilesFromDiff,
  loopbackOnlyNodeOptions,
  startGitHubStandIn,
  type GitHubStandIn,
  type IssueComment,
  type RecordedRequest,
} from './helpers/github-standin.js';
import { githubActionsEnv, runDangerCi, writePullRequestEvent } from './helpers/pr-event.js';
import { ROOT, type CliResult } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const REPO = 'acme-privacy/subprocessors';
const NUMBER = 7;
const TOKEN = 'ghs_reviewToken';

/**
 * The project's own dangerfile under the real `danger ci`, as comment.yml ran it on pull_request_target (it now runs the
 * action's comment mode; the dangerfile stays for `danger local` and for anyone running Danger), against a
 * stand-in GitHub API: a pull request that deletes a vendor and adds one with no transfer mechanism.
 */
describe('danger ci with the project dangerfile, against the GitHub stand-in', () => {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  const work = tempDir('subproc-danger-ci-');
  let standIn: GitHubStandIn;
  let head = '';
  const runs: { result: CliResult; requests: RecordedRequest[]; comments: IssueComment[] }[] = [];

  beforeAll(async () => {
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    repo.commit({}, 'import the registry');
    repo.git('checkout', '-q', '-b', 'new-analytics');
    repo.git('rm', '-q', 'registry/subprocessors/twilio.yaml');
    repo.commit({ 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }, 'Add Acme Analytics, drop Twilio');
    const base = repo.git('rev-parse', 'main').trim();
    head = repo.git('rev-parse', 'HEAD').trim();
    const diff = repo.git('diff', '--no-color', '--no-ext-diff', `${base}...${head}`);
    const message = 'Add Acme Analytics, drop Twilio';
    standIn = await startGitHubStandIn({
      repo: REPO,
      number: NUMBER,
      base: { ref: 'main', sha: base },
      head: { ref: 'new-analytics', sha: head },
      title: message,
      body: 'New analytics vendor',
      author: 'dpo-alice',
      files: changedFilesFromDiff(diff),
      diff,
      commits: [{ sha: head, parents: [base], message, author: { name: 'Test', email: 'test@example.com', date: '2026-11-23T10:00:00Z' } }],
      token: TOKEN,
    });
    const event = { repo: REPO, number: NUMBER, base: { ref: 'main', sha: base }, head: { ref: 'new-analytics', sha: head } };
    const eventPath = writePullRequestEvent(work.dir, { action: 'synchronize', author: 'dpo-alice', ...event });
    const env = githubActionsEnv({
      apiUrl: standIn.url,
      eventPath,
      token: TOKEN,
      eventName: 'pull_request_target',
      nodeOptions: loopbackOnlyNodeOptions(work.dir),
      ...event,
    });
    // Two runs on two days: the second is a re-run (a new push), whose comment text differs by its dates.
    for (const today of ['2026-11-30', '2026-12-01']) {
      const before = standIn.requests.length;
      const result = await runDangerCi(['--dangerfile', DANGERFILE, '--failOnErrors'], repo.dir, { ...env, SUBPROC_TODAY: today }, 45_000);
      runs.push({ result, requests: standIn.requests.slice(before), comments: structuredClone(standIn.comments) });
    }
  }, 120_000);

  afterAll(async () => {
    await standIn.close();
    repo.cleanup();
    work.cleanup();
  });

  const first = () => {
    const run = runs[0];
    if (!run) throw new Error('the first run did not happen');
    return run;
  };

  it('fails the status when a policy fails', () => {
    expect(first().result.code).toBe(1);
    expect(standIn.statuses.map((s) => [s.state, s.context])).toEqual([
      ['failure', 'Danger'],
      ['failure', 'Danger'],
    ]);
    expect(standIn.unexpected()).toEqual([]);
  });

  it('posts one comment with the verdict, the change table, both findings with links, and the notices', () => {
    const { comments } = first();
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body).toContain('❌ **Changes needed**: 2 errors, 0 warnings, 0 waived, 7 already on the base.');
    expect(body).toContain('| added | Acme Analytics | US: no mechanism | starts 2027-01-15 |');
    expect(body).toContain('| **deleted** | Twilio | US: dpf | registry/subprocessors/twilio.yaml removed |');
    expect(body).toContain(
      `[registry/subprocessors/twilio.yaml:1:1](https://github.com/${REPO}/blob/${head}/registry/subprocessors/twilio.yaml#L1)`,
    );
    expect(body).toMatch(
      /Twilio was deleted from the registry.*\[vendor-removed\]\(https:\/\/github\.com\/[^)]+\/docs\/policies\/vendor-removed\.md\)/,
    );
    expect(body).toContain('new subprocessor Acme Analytics (US: no mechanism) from 2027-01-15');
    expect(body).toContain('may start processing on **2026-12-30** at the earliest');
  });

  it('puts the missing mechanism inline, on the line the pull request adds', () => {
    const inline = standIn.reviewComments.filter((c) => c.path === 'registry/subprocessors/acme-analytics.yaml');
    expect(inline).toHaveLength(1);
    expect(inline[0]?.body).toContain(
      'Acme Analytics processes data in US (United States of America), outside the EEA, with no transfer mechanism',
    );
    expect(inline[0]?.line).toBe(7);
  });

  it('edits its comment on the next run instead of adding one', () => {
    const second = runs[1];
    expect(second?.result.code).toBe(1);
    expect(second?.comments).toHaveLength(1);
    expect(second?.comments[0]?.id).toBe(first().comments[0]?.id);
    expect(second?.comments[0]?.body).toContain('may start processing on **2026-12-31** at the earliest');
    expect(second?.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/issues/${NUMBER}/comments`))).toEqual([]);
    expect(second?.requests.some((r) => r.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(r.path))).toBe(true);
  });
});
