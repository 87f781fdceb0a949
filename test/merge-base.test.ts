import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-cli.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

const TODAY = ['--today', '2026-11-30'];
const registry = { 'registry/registry.yaml': settingsYaml(), 'registry/subprocessors/kept.yaml': vendorYaml('kept') };
const noMechanism = (id: string) => vendorYaml(id, { locations: [{ place: 'CN' }], since: '2027-01-15' });

describe('a change is compared with its merge base, and the review fails closed (issue 12, points 3 and 4)', () => {
  // main gains a vendor with a finding after the branch was cut; the branch adds a clean vendor.
  const repo = gitRepo(registry);
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit({ 'registry/subprocessors/clean.yaml': vendorYaml('clean', { since: '2027-01-15' }) }, 'add clean');
  repo.git('checkout', '-q', 'main');
  repo.commit({ 'registry/subprocessors/later.yaml': noMechanism('later') }, 'main moves on');
  repo.git('checkout', '-q', 'feature');
  // A history that shares nothing with main.
  repo.git('checkout', '-q', '--orphan', 'unrelated');
  repo.commit(registry, 'unrelated root');
  repo.git('checkout', '-q', 'feature');
  afterAll(() => {
    repo.cleanup();
  });

  it('--base main: what main merged since the branch was cut is not blamed on the branch', () => {
    const result = runCli(['check', '--base', 'main', '--format', 'json', ...TODAY], repo.dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { base: string; changes: { added: { id: string }[]; deleted: { id: string }[] } };
    expect(out.changes.added.map((a) => a.id)).toEqual(['clean']);
    expect(out.changes.deleted).toEqual([]);
    expect(out.base).toMatch(/^merge base with main \([0-9a-f]{12}\)$/);
  });

  it('the default base is the merge base with main too', () => {
    const result = runCli(['check', '--format', 'json', ...TODAY], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { changes: { deleted: unknown[] } }).changes.deleted).toEqual([]);
  });

  it('a base with no merge base is exit 2 with the fix, not a review without history', () => {
    const result = runCli(['check', '--base', 'unrelated', ...TODAY], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('have no merge base');
    expect(result.stderr).toContain('fetch-depth: 0');
  });

  it('a default branch that exists without a merge base is exit 2 as well', () => {
    repo.git('checkout', '-q', 'unrelated');
    try {
      const result = runCli(['check', ...TODAY], repo.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no merge base with main');
      expect(runCli(['check', '--no-base', ...TODAY], repo.dir).code).toBe(0);
    } finally {
      repo.git('checkout', '-q', 'feature');
    }
  });

  it('in a GitHub Actions job, no base branch at all is exit 2', () => {
    const lone = gitRepo(registry);
    lone.git('branch', '-m', 'main', 'trunk');
    try {
      expect(runCli(['check', ...TODAY], lone.dir).code).toBe(0);
      const inCi = runCli(['check', ...TODAY], lone.dir, { GITHUB_ACTIONS: 'true' });
      expect(inCi.code).toBe(2);
      expect(inCi.stderr).toContain('a review in CI needs a base');
    } finally {
      lone.cleanup();
    }
  });
});

describe('build judges the release against the previous one (issue 12, point 4)', () => {
  const repo = gitRepo({ ...registry, 'registry/subprocessors/gone.yaml': vendorYaml('gone') });
  afterAll(() => {
    repo.cleanup();
  });

  it('a vendor deleted since the last release stops the build, from the commit or from the document alone', () => {
    const first = runCli(['build', '--out', 'v1', '--released-at', '2026-11-23T10:00:00Z'], repo.dir);
    expect(first.code, first.stderr).toBe(0);
    repo.git('rm', '-q', 'registry/subprocessors/gone.yaml');
    repo.commit({}, 'delete gone');
    const next = runCli(['build', '--previous', 'v1', '--out', 'v2', '--released-at', '2026-11-24T10:00:00Z'], repo.dir);
    expect(next.code).toBe(1);
    expect(next.stdout).toContain('vendor-removed');
    // A previous release whose commit this clone does not hold (built elsewhere): its document is the base.
    const docPath = join(repo.dir, 'v1', 'subprocessors.json');
    const doc = JSON.parse(readFileSync(docPath, 'utf8')) as { source: { commit: string } };
    doc.source.commit = 'f'.repeat(40);
    writeFileSync(docPath, JSON.stringify(doc));
    const fromDoc = runCli(
      ['build', '--previous', 'v1/subprocessors.json', '--out', 'v3', '--released-at', '2026-11-24T10:00:00Z'],
      repo.dir,
    );
    expect(fromDoc.code).toBe(1);
    expect(fromDoc.stdout).toContain('vendor-removed');
  });
});
