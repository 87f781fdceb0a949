// Issue 12, point 3, run for real: pr.yml and comment.yml leave base and head to the action, which on a pull-request
// event reviews the head against its merge base with the event's base. Here, in a repository where the base branch
// moved on after the pull request's branch was cut, the action's bundle runs with the event as GitHub writes it.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { inputs, runAction } from './helpers/action.js';
import { gitRepo } from './helpers/git-repo.js';
import { writePullRequestEvent } from './helpers/pr-event.js';
import { tempDir } from './helpers/temp-registry.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

describe('the review on a pull-request event compares with the merge base', () => {
  // main: initial (one vendor) → late-vendor added after the branch was cut. The pull request: initial → pr-vendor.
  const repo = gitRepo({ 'registry/registry.yaml': settingsYaml(), 'registry/subprocessors/first.yaml': vendorYaml('first') });
  const forkPoint = repo.git('rev-parse', 'HEAD').trim();
  repo.git('switch', '-q', '-c', 'feature');
  repo.commit({ 'registry/subprocessors/pr-vendor.yaml': vendorYaml('pr-vendor', { since: '2027-06-01' }) }, 'the pull request');
  const head = repo.git('rev-parse', 'HEAD').trim();
  repo.git('switch', '-q', 'main');
  repo.commit({ 'registry/subprocessors/late-vendor.yaml': vendorYaml('late-vendor', { since: '2027-06-01' }) }, 'merged to main later');
  const baseTip = repo.git('rev-parse', 'HEAD').trim();
  const work = tempDir('subproc-merge-base-');
  const eventPath = writePullRequestEvent(work.dir, {
    action: 'synchronize',
    repo: 'acme/registry',
    number: 3,
    base: { ref: 'main', sha: baseTip },
    head: { ref: 'feature', sha: head },
  });
  afterAll(() => {
    repo.cleanup();
    work.cleanup();
  });

  it.each(['pull_request', 'pull_request_target'])(
    '%s: finds where the branch left main, and blames the pull request for its own vendor only',
    async (eventName) => {
      const run = await runAction({
        cwd: repo.dir,
        work: work.dir,
        env: { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath, SUBPROC_TODAY: '2026-11-23', ...inputs({ format: 'json' }) },
      });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.base).toBe(forkPoint);
      expect(forkPoint).not.toBe(baseTip);
      const report = JSON.parse(run.stdout) as { diagnostics: { subprocessor?: string }[] };
      const about = new Set(report.diagnostics.map((d) => d.subprocessor));
      expect(about).toContain('pr-vendor');
      expect(about).not.toContain('late-vendor');
    },
  );

  it('in a clone without the shared history, fails with the fix instead of comparing with anything else', async () => {
    const shallow = tempDir('subproc-shallow-');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-local', `file://${repo.dir}`, shallow.dir], { stdio: 'ignore' });
    execFileSync('git', ['fetch', '-q', '--depth', '1', 'origin', 'feature'], { cwd: shallow.dir, stdio: 'ignore' });
    const run = await runAction({
      cwd: shallow.dir,
      work: work.dir,
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, ...inputs({}) },
    });
    shallow.cleanup();
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual({});
    expect(run.stdout).toMatch(/^::error title=subproc::subproc: .* have no merge base in this clone%0A.*fetch-depth: 0/m);
  });
});
