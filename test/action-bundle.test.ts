// The committed bundle (action/index.js) is what adopters' workflows run: it must be exactly what the sources build,
// and it must run from a checkout that has neither node_modules nor build/, as a runner's copy of the action has.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION_BUNDLE, inputs, runAction } from './helpers/action.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { US_VENDOR_NO_MECHANISM } from './helpers/vendors.js';

describe('the committed action bundle', () => {
  const work = tempDir('subproc-bundle-');
  afterAll(work.cleanup);

  it('is byte for byte what npm run build:action makes from the sources now', () => {
    const fresh = join(work.dir, 'index.js');
    execFileSync(process.execPath, [join(ROOT, 'build', 'scripts', 'tools', 'build-action.js'), '--outfile', fresh], { cwd: work.dir });
    const same = readFileSync(fresh).equals(readFileSync(ACTION_BUNDLE));
    expect(same, 'action/index.js is stale: run npm run build:action and commit it').toBe(true);
  }, 60_000);

  it('runs from a checkout without node_modules or build/, from another working folder', async () => {
    // What GitHub downloads for `uses: OWNER/REPO@REF`: the repository's files, nothing installed or compiled.
    const checkout = join(work.dir, 'action-checkout');
    for (const entry of ['action', 'package.json', 'schemas', 'policies', 'docs'])
      cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
    expect(existsSync(join(checkout, 'node_modules')) || existsSync(join(checkout, 'build'))).toBe(false);
    const repo = gitRepo({ 'README.md': 'adopter\n' });
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    repo.commit({}, 'registry');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit({ 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }, 'add a vendor');
    const run = await runAction({
      bundle: join(checkout, 'action', 'index.js'),
      cwd: repo.dir,
      work: work.dir,
      env: { GITHUB_EVENT_NAME: 'push', SUBPROC_TODAY: '2026-11-30', ...inputs({ base, head: 'HEAD', format: 'json' }) },
    });
    // The review fills .subproc-cache/ at the checkout's root: the folder the workflows restore and save.
    const entries = existsSync(join(repo.dir, '.subproc-cache')) ? readdirSync(join(repo.dir, '.subproc-cache'), { recursive: true }) : [];
    repo.cleanup();
    expect(entries.length).toBeGreaterThan(1);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: { errors: number }; diagnostics: { policy: string; docs: string }[] };
    expect(report.summary.errors).toBe(1);
    expect(report.diagnostics.map((d) => d.policy)).toContain('missing-transfer-mechanism');
    // SARIF's rule help is read from the docs at run time, next to the bundle.
    const sarif = readFileSync(run.outputs.sarif ?? '', 'utf8');
    expect(sarif).toContain('missing-transfer-mechanism');
  });
});
