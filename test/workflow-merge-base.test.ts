// Issue 12, point 3, run for real: the "Find the merge base" step of pr.yml and comment.yml, executed as GitHub
// runs it (bash -eo pipefail, the step's env, GITHUB_OUTPUT), in a repository where the base branch moved on after
// the pull request's branch was cut; then `subproc check` with what the step found, as pr.yml runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

function mergeBaseStep(file: string): Step {
  const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.id === 'merge-base');
  if (!step?.run) throw new Error(`${file} has no merge-base step`);
  return step;
}

/** The event's values for the step's ${{ github.event.pull_request.… }} expressions. */
function runStep(step: Step, cwd: string, event: { base: string; head: string }) {
  const temp = tempDir('subproc-step-');
  const output = join(temp.dir, 'github_output');
  const values: Record<string, string> = {
    '${{ github.event.pull_request.base.sha }}': event.base,
    '${{ github.event.pull_request.head.sha }}': event.head,
  };
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, expr]) => [name, values[expr] ?? '']));
  execFileSync('touch', [output]);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  temp.cleanup();
  return { code: result.status, stdout: result.stdout, outputs };
}

describe('the merge-base step of the review workflows', () => {
  // main: initial (one vendor) → late-vendor added after the branch was cut. The pull request: initial → pr-vendor.
  const settings = settingsYaml();
  const repo = gitRepo({ 'registry/registry.yaml': settings, 'registry/subprocessors/first.yaml': vendorYaml('first') });
  const forkPoint = repo.git('rev-parse', 'HEAD').trim();
  repo.git('switch', '-q', '-c', 'feature');
  repo.commit({ 'registry/subprocessors/pr-vendor.yaml': vendorYaml('pr-vendor', { since: '2027-06-01' }) }, 'the pull request');
  const head = repo.git('rev-parse', 'HEAD').trim();
  repo.git('switch', '-q', 'main');
  repo.commit({ 'registry/subprocessors/late-vendor.yaml': vendorYaml('late-vendor', { since: '2027-06-01' }) }, 'merged to main later');
  const baseTip = repo.git('rev-parse', 'HEAD').trim();
  afterAll(repo.cleanup);

  it.each(['pr.yml', 'comment.yml'])('%s: finds where the branch left main, not main’s tip', (file) => {
    const result = runStep(mergeBaseStep(file), repo.dir, { base: baseTip, head });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ sha: forkPoint });
    expect(forkPoint).not.toBe(baseTip);
  });

  it('subproc check with that base blames the pull request for its own vendor only', () => {
    const { outputs } = runStep(mergeBaseStep('pr.yml'), repo.dir, { base: baseTip, head });
    const run = runCli(['check', '--base', outputs.sha ?? '', '--head', head, '--format', 'json', '--today', '2026-11-23'], repo.dir);
    const report = JSON.parse(run.stdout) as { diagnostics: { policy: string; subprocessor?: string }[] };
    const about = new Set(report.diagnostics.map((d) => d.subprocessor));
    expect(about).toContain('pr-vendor');
    expect(about).not.toContain('late-vendor');
    expect(run.code).toBe(0);
  });

  it.each(['pr.yml', 'comment.yml'])(
    '%s: in a clone without the shared history, fails with the fix instead of comparing with anything else',
    (file) => {
      const shallow = tempDir('subproc-shallow-');
      execFileSync('git', ['clone', '-q', '--depth', '1', '--no-local', `file://${repo.dir}`, shallow.dir], { stdio: 'ignore' });
      execFileSync('git', ['fetch', '-q', '--depth', '1', 'origin', 'feature'], { cwd: shallow.dir, stdio: 'ignore' });
      const result = runStep(mergeBaseStep(file), shallow.dir, { base: baseTip, head });
      shallow.cleanup();
      expect(result.code).toBe(1);
      expect(result.outputs).toEqual({});
      expect(result.stdout).toMatch(/^::error::No merge base of the base branch .* fetch-depth: 0/m);
    },
  );
});
