// The action's release mode against the releases stand-in: build, sign and publish, as release.yml runs them (three
// steps) and as an adopter's single job runs them (release-step all); minisign verifies what was published.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputs, runAction, type ActionRun } from './helpers/action.js';
import { gitRepo } from './helpers/git-repo.js';
import { ReleasesStandin } from './helpers/releases-standin.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const OWNER = 'acme-privacy';
const REPO = 'subprocessors';
const TOKEN = 'ghs_releaseToken';

/** A repository with the shipped registry and a committed public key; the secret key's text, as a secret holds it. */
function releaseRepo(secrets: string) {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  const secretFile = join(secrets, 'release.key');
  const keygen = runCli(['keygen', '--secret-file', secretFile], repo.dir);
  expect(keygen.code, keygen.stderr).toBe(0);
  repo.commit({}, 'registry and public key');
  return { repo, secret: readFileSync(secretFile, 'utf8') };
}

/** `git` on PATH that records the environment each call got, then runs the real git. */
function recordingGit(dir: string): { path: string; log: string } {
  const log = join(dir, 'git-env.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nenv >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  writeFileSync(log, '');
  return { path: `${dir}:${process.env.PATH ?? ''}`, log };
}

function expectVerifiedByMinisign(standin: ReleasesStandin, repoDir: string, work: string) {
  const [release] = standin.releases();
  expect(release).toMatchObject({ tag_name: 'v1.0.0', draft: false });
  const asset = (name: string) => {
    const found = release?.assets.find((a) => a.name === name);
    if (!found) throw new Error(`no asset ${name}`);
    return standin.assetBytes(found.id);
  };
  writeFileSync(join(work, 'subprocessors.json'), asset('subprocessors.json'));
  writeFileSync(join(work, 'subprocessors.json.minisig'), asset('subprocessors.json.minisig'));
  const out = execFileSync('minisign', ['-Vm', join(work, 'subprocessors.json'), '-p', join(repoDir, 'keys', 'minisign.pub')], {
    encoding: 'utf8',
  });
  expect(out).toContain('Signature and comment signature verified');
  return release;
}

describe('the action, mode release, in three steps as release.yml runs it', () => {
  const secrets = tempDir('subproc-action-secret-');
  const work = tempDir('subproc-action-release-');
  const { repo, secret } = releaseRepo(secrets.dir);
  const git = recordingGit(work.dir);
  let standin: ReleasesStandin;
  const runs: Record<string, ActionRun> = {};

  beforeAll(async () => {
    standin = await ReleasesStandin.start({ owner: OWNER, repo: REPO, token: TOKEN });
    const env = { PATH: git.path, GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_API_URL: standin.url };
    const step = (name: string, extra: Record<string, string>) =>
      runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ mode: 'release', 'release-step': name, ...extra }) } });
    runs.build = await step('build', { 'github-token': TOKEN });
    runs.sign = await step('sign', { 'signing-key': secret, 'github-token': '' });
    runs.publish = await step('publish', { 'github-token': TOKEN });
  }, 90_000);

  afterAll(async () => {
    await standin.close();
    repo.cleanup();
    secrets.cleanup();
    work.cleanup();
  });

  it('builds (outputs built and version), signs, and publishes a release whose signature minisign verifies', () => {
    for (const [name, run] of Object.entries(runs)) expect(run.code, `${name}: ${run.stdout}${run.stderr}`).toBe(0);
    expect(runs.build?.outputs).toMatchObject({ built: 'true', version: '1.0.0' });
    expect(runs.sign?.stdout).toMatch(/^signed 1\.0\.0 with key /m);
    expect(runs.publish?.stdout).toMatch(/^v1\.0\.0 published: 11 uploaded/m);
    const release = expectVerifiedByMinisign(standin, repo.dir, work.dir);
    expect(release?.assets).toHaveLength(11);
  });

  it('the signing key reaches no child process and no log; the token neither', () => {
    const gitEnvironments = readFileSync(git.log, 'utf8');
    expect(gitEnvironments).not.toBe('');
    const keyLine = secret.trim().split('\n').at(-1) ?? '';
    expect(keyLine.length).toBeGreaterThan(40);
    expect(gitEnvironments).not.toContain(keyLine);
    expect(gitEnvironments).not.toMatch(/^(INPUT_SIGNING-KEY|INPUT_GITHUB-TOKEN|SUBPROC_SIGNING_KEY|GITHUB_TOKEN)=/m);
    expect(gitEnvironments).not.toContain(TOKEN);
    for (const run of Object.values(runs)) expect(`${run.stdout}${run.stderr}`).not.toContain(keyLine);
    for (const run of Object.values(runs)) expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });
});

describe('the action, mode release, in one step (release-step all)', () => {
  const secrets = tempDir('subproc-action-secret-');
  const work = tempDir('subproc-action-release-all-');
  const { repo, secret } = releaseRepo(secrets.dir);
  let standin: ReleasesStandin;

  beforeAll(async () => {
    standin = await ReleasesStandin.start({ owner: OWNER, repo: REPO, token: TOKEN });
  });

  afterAll(async () => {
    await standin.close();
    repo.cleanup();
    secrets.cleanup();
    work.cleanup();
  });

  it('refuses without a signing key before publishing anything', async () => {
    const env = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_API_URL: standin.url };
    const run = await runAction({ cwd: repo.dir, work: work.dir, env: { ...env, ...inputs({ mode: 'release', 'github-token': TOKEN }) } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('the release step sign needs the input signing-key');
    expect(standin.releases()).toEqual([]);
    expect(existsSync(join(repo.dir, 'dist'))).toBe(false);
  }, 60_000);

  it('builds, signs and publishes; minisign verifies the published signature', async () => {
    const env = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_API_URL: standin.url };
    const run = await runAction({
      cwd: repo.dir,
      work: work.dir,
      env: { ...env, ...inputs({ mode: 'release', 'github-token': TOKEN, 'signing-key': secret }) },
    });
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.outputs).toMatchObject({ built: 'true', version: '1.0.0' });
    expectVerifiedByMinisign(standin, repo.dir, work.dir);
  }, 60_000);
});
