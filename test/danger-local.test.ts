import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../scripts/generated/output.js';
import { runDanger } from './helpers/danger.js';
import { gitRepo } from './helpers/git-repo.js';
import { US_VENDOR_NO_MECHANISM } from './helpers/vendors.js';
import { ROOT, runCli } from './helpers/run-cli.js';

/** A repository whose main holds the shipped registry, with a pull-request branch on top. */
function repoWithBranch(change: (dir: string, git: (...args: string[]) => string) => void) {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  repo.git('checkout', '-q', '-b', 'feature');
  change(repo.dir, repo.git);
  repo.commit({}, 'the pull request');
  return repo;
}

describe('danger local with the project dangerfile', () => {
  const bad = repoWithBranch((dir, git) => {
    git('rm', '-q', 'registry/subprocessors/twilio.yaml');
    writeFileSync(join(dir, 'registry/subprocessors/acme-analytics.yaml'), US_VENDOR_NO_MECHANISM);
  });
  const good = repoWithBranch((dir) => {
    const file = join(dir, 'registry/subprocessors/twilio.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'status: active',
        'status: retired\nretired:\n  on: 2026-12-31\n  reason: SMS moved to another provider',
      ),
    );
  });
  afterAll(() => {
    bad.cleanup();
    good.cleanup();
  });

  const danger = runDanger(['local', '--base', 'main', '--failOnErrors'], bad.dir);

  it('fails the run, with both findings at their file and line', () => {
    expect(danger.code).toBe(1);
    expect(danger.stdout).toContain('Failing the build, there are 2 fails.');
    expect(danger.stdout).toMatch(
      /`registry\/subprocessors\/acme-analytics\.yaml:7:5` Acme Analytics processes data in US .* with no transfer mechanism \(EU GDPR\) \(`missing-transfer-mechanism`\)/,
    );
    expect(danger.stdout).toMatch(/`registry\/subprocessors\/twilio\.yaml:1:1` Twilio was deleted from the registry.*\(`vendor-removed`\)/);
  });

  it('shows the table of what changed', () => {
    expect(danger.stdout).toContain('| added | Acme Analytics | US: no mechanism | starts 2027-01-15 |');
    expect(danger.stdout).toContain('| **deleted** | Twilio | US: dpf | registry/subprocessors/twilio.yaml removed |');
    expect(danger.stdout).toContain('- new subprocessor Acme Analytics (US: no mechanism) from 2027-01-15');
  });

  it('reports exactly what subproc check --base reports for the same change', () => {
    const check = runCli(['check', '--base', 'main', '--head', 'feature', '--format', 'json', '--today', '2026-11-30'], bad.dir);
    expect(check.code).toBe(1);
    const findings = (JSON.parse(check.stdout) as CommandOutput).diagnostics.filter((d) => d.severity !== 'info');
    // The change's two errors fail the run; the shipped registry's seven warnings stand on main and are folded.
    expect(findings.map((d) => d.baseline)).toEqual([
      'new',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'new',
      'unchanged',
    ]);
    expect(danger.stdout).toContain('Failing the build, there are 2 fails.');
    expect(danger.stdout).not.toContain('## Warnings');
    // Danger and the Markdown report render a finding with the same function.
    for (const d of findings) expect(danger.stdout).toContain(`\`${d.file}:${d.line}:${d.column}\` ${d.message} (\`${d.policy}\`)`);
    const reported = danger.stdout.match(/`registry\/[^`]+:\d+:\d+` /g) ?? [];
    expect(reported.length).toBe(findings.length);
  });

  it('passes a retirement, listing it as a change needing notice', () => {
    const result = runDanger(['local', '--base', 'main', '--failOnErrors'], good.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('## Failures');
    expect(result.stdout).toContain('| retired | Twilio | US: dpf | on 2026-12-31: SMS moved to another provider |');
    expect(result.stdout).toContain('Twilio retired on 2026-12-31: SMS moved to another provider');
  });
});
