import { describe, expect, it } from 'vitest';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { at, SETTINGS, TODAY, vendor } from './policies/harness.js';

const tooSoon = vendor('beta', `since: 2026-11-30\n${at('US', 'dpf')}`);
const waiver = (policy: string, expires = '2027-01-31') =>
  `${SETTINGS}waivers:\n  - policy: ${policy}\n    subprocessor: beta\n    reason: Urgent replacement agreed with customers\n    expires: ${expires}\n`;

async function check(settings: string) {
  const tree = (subs: Record<string, string>) => ({
    'registry.yaml': settings,
    ...Object.fromEntries(Object.entries(subs).map(([k, v]) => [`subprocessors/${k}.yaml`, v])),
  });
  return runCheck({
    head: memorySource(tree({ beta: tooSoon })),
    base: { source: memorySource(tree({})), label: 'base' },
    today: TODAY,
    setup: shippedSetup(),
  });
}

describe('waivers', () => {
  it('move an error into the waived list with its reason, and leave the customer notice', async () => {
    const report = await check(waiver('new-subprocessor-notice'));
    expect(report.waived.map((d) => [d.messageId, d.waiver.reason])).toEqual([['too-soon', 'Urgent replacement agreed with customers']]);
    expect(report.diagnostics.map((d) => d.messageId)).toEqual(['notice-added']);
    expect(report.counts).toEqual({ errors: 0, warnings: 0, infos: 1 });
  });

  it('stop covering anything once expired, and the expiry is an error', async () => {
    const report = await check(waiver('new-subprocessor-notice', '2026-11-22'));
    expect(report.waived).toEqual([]);
    expect(report.diagnostics.map((d) => `${d.policy}/${d.messageId}`).sort()).toEqual([
      'new-subprocessor-notice/notice-added',
      'new-subprocessor-notice/too-soon',
      'policy-config/waiver-expired',
    ]);
  });

  it('cover only the subprocessor they name', async () => {
    const report = await check(waiver('new-subprocessor-notice').replace('subprocessor: beta', 'subprocessor: other'));
    expect(report.waived).toEqual([]);
  });

  it('a policy set to off does not run, and the run says so', async () => {
    const report = await check(`${SETTINGS}policies:\n  new-subprocessor-notice: off\n`);
    expect(report.diagnostics).toEqual([]);
    expect(report.skipped).toContainEqual({ policy: 'new-subprocessor-notice', reason: 'off' });
  });

  it('a severity override applies to the policy’s own level, not to its notices', async () => {
    const report = await check(`${SETTINGS}policies:\n  new-subprocessor-notice: warning\n`);
    expect(report.diagnostics.map((d) => [d.messageId, d.severity]).sort()).toEqual([
      ['notice-added', 'info'],
      ['too-soon', 'warning'],
    ]);
  });
});
