import { describe, expect, it } from 'vitest';
import type { Report } from '../scripts/engine/report.js';
import { NO_COLOURS } from '../scripts/format/colour.js';
import { formatGithub } from '../scripts/format/github.js';
import { blobLinks } from '../scripts/format/links.js';
import { formatMarkdown } from '../scripts/format/markdown.js';
import { formatSarif } from '../scripts/format/sarif.js';
import { formatStylish } from '../scripts/format/stylish.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

const TODAY = '2026-11-30';
const settings = settingsYaml();
const kept = vendorYaml('kept');
const vague = vendorYaml('vague', { locations: [{ place: 'WORLD', mechanism: 'scc' }] });
const cnNoMechanism = vendorYaml('acme-cn', { locations: [{ place: 'CN' }], since: '2027-01-15' });

function tree(registry: string, subs: Record<string, string>): Record<string, string> {
  return { 'registry.yaml': registry, ...Object.fromEntries(Object.entries(subs).map(([id, text]) => [`subprocessors/${id}.yaml`, text])) };
}

function review(
  head: { registry?: string; subs: Record<string, string> },
  base: { registry?: string; subs: Record<string, string> },
): Promise<Report> {
  return runCheck({
    head: memorySource(tree(head.registry ?? settings, head.subs)),
    base: { source: memorySource(tree(base.registry ?? settings, base.subs)), label: 'main' },
    today: TODAY,
    setup: shippedSetup(),
  });
}

const ids = (report: Report, filter: (d: Report['diagnostics'][number]) => boolean = () => true) =>
  report.diagnostics.filter(filter).map((d) => `${d.policy}/${d.messageId}`);

describe('a pull request cannot bend the review it is judged by (issue 12, point 1)', () => {
  it('turning a policy off in the same change leaves its finding standing, and says the settings changed', async () => {
    const report = await review(
      { registry: `${settings}policies:\n  missing-transfer-mechanism: 'off'\n`, subs: { kept, 'acme-cn': cnNoMechanism } },
      { subs: { kept } },
    );
    expect(ids(report)).toContain('missing-transfer-mechanism/missing');
    expect(report.counts.errors).toBeGreaterThan(0);
    expect(report.skipped.map((s) => s.policy)).not.toContain('missing-transfer-mechanism');
    const changed = report.diagnostics.find((d) => d.messageId === 'settings-changed');
    expect(changed).toMatchObject({
      kind: 'settings',
      severity: 'warning',
      data: { setting: 'policies.missing-transfer-mechanism', after: 'off' },
    });
  });

  it('lowering a policy to info does not lower its finding', async () => {
    const report = await review(
      { registry: `${settings}policies:\n  missing-transfer-mechanism: info\n`, subs: { kept, 'acme-cn': cnNoMechanism } },
      { subs: { kept } },
    );
    expect(report.diagnostics.find((d) => d.policy === 'missing-transfer-mechanism')?.severity).toBe('error');
  });

  it("shortening the notice period applies after merge: this change's vendor still needs the base's 30 days", async () => {
    const tooSoon = vendorYaml('soon', { since: '2026-11-30' });
    const report = await review(
      { registry: settings.replace('noticePeriodDays: 30', 'noticePeriodDays: 0'), subs: { kept, soon: tooSoon } },
      { subs: { kept } },
    );
    expect(ids(report)).toContain('new-subprocessor-notice/too-soon');
    expect(report.earliestStart).toBe('2026-12-30');
  });

  it('a registry-wide waiver until 2099 is an error, and listed as added by the change', async () => {
    const waiver = `${settings}waivers:\n  - policy: missing-transfer-mechanism\n    reason: We will sort this out one day\n    expires: 2099-12-31\n`;
    const report = await review({ registry: waiver, subs: { kept, 'acme-cn': cnNoMechanism } }, { subs: { kept } });
    expect(ids(report)).toEqual(expect.arrayContaining(['policy-config/waiver-too-long', 'policy-config/new-waiver']));
    expect(report.counts.errors).toBeGreaterThan(0);
  });

  it('without a base (validate, --no-base) the registry judges itself: its own settings apply', async () => {
    const report = await runCheck({
      head: memorySource(tree(`${settings}policies:\n  missing-transfer-mechanism: 'off'\n`, { kept, 'acme-cn': cnNoMechanism })),
      today: TODAY,
      setup: shippedSetup(),
    });
    expect(report.skipped).toContainEqual({ policy: 'missing-transfer-mechanism', reason: 'off' });
    // Every format says so, not JSON alone.
    const links = blobLinks('https://github.com/acme/registry/blob/abc/');
    for (const text of [
      formatStylish(report, NO_COLOURS),
      formatGithub(report),
      formatMarkdown(report, links),
      formatSarif(report, links),
    ]) {
      expect(text).toMatch(/missing-transfer-mechanism.{0,40}turned off|turned off.{0,60}missing-transfer-mechanism/i);
    }
  });
});

describe('only what the change introduces counts (issue 12, point 5)', () => {
  it('a finding the base has already is unchanged and not counted; a new one is new', async () => {
    const report = await review({ subs: { kept, vague, 'acme-cn': cnNoMechanism } }, { subs: { kept, vague } });
    const byPolicy = Object.fromEntries(report.diagnostics.map((d) => [d.policy + '/' + d.messageId, d.baseline]));
    expect(byPolicy['vague-location/vague']).toBe('unchanged');
    expect(byPolicy['missing-transfer-mechanism/missing']).toBe('new');
    expect(report.unchanged).toBe(1);
    expect(report.counts.warnings).toBe(0);
  });

  it('an edit above a standing finding moves its line, not its identity', async () => {
    const moved = vendorYaml('vague', { legalEntity: 'Vague Ltd', locations: [{ place: 'WORLD', mechanism: 'scc' }] });
    const report = await review({ subs: { kept, vague: moved } }, { subs: { kept, vague } });
    expect(report.diagnostics.filter((d) => d.policy === 'vague-location').map((d) => d.baseline)).toEqual(['unchanged']);
  });

  it('a second finding of the same kind on the same vendor is new', async () => {
    const twice = vendorYaml('vague', {
      locations: [
        { place: 'WORLD', mechanism: 'scc' },
        { place: 'EUROPE', mechanism: 'scc' },
      ],
    });
    const report = await review({ subs: { kept, vague: twice } }, { subs: { kept, vague } });
    expect(report.diagnostics.filter((d) => d.policy === 'vague-location').map((d) => d.baseline)).toEqual(['unchanged', 'new']);
  });
});
