import { describe, expect, it } from 'vitest';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import policy from '../../policies/policy-config.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, SETTINGS, TODAY, type Case } from './harness.js';

const dpf = (id: string) => vendorYaml(id, { locations: [{ place: 'US', mechanism: 'dpf' }] });
const after = { acme: dpf('acme') };
const file = 'registry/registry.yaml';
// SETTINGS ends on line 7: `policies:` or `waivers:` is line 8, the first entry line 9.
const withWaiver = (lines: string) => `${SETTINGS}waivers:\n${lines}`;
// jurisdictions: on line 8, the UK item on line 10, its one severity on line 12.
const lawSettings = (severity: string) => `${SETTINGS}jurisdictions:\n  - eu-gdpr\n  - id: uk-gdpr\n    policies:\n      ${severity}\n`;

const cases: Case[] = [
  {
    name: 'a live waiver',
    after,
    settings: withWaiver(
      '  - policy: vague-location\n    subprocessor: acme\n    reason: The vendor cannot name its regions yet\n    expires: 2027-01-31\n',
    ),
    expected: [],
  },
  {
    name: 'an expired waiver',
    after,
    settings: withWaiver('  - policy: vague-location\n    reason: The vendor cannot name its regions yet\n    expires: 2026-11-22\n'),
    expected: [{ messageId: 'waiver-expired', line: 11, file }],
  },
  {
    name: 'a waiver of a policy that does not exist',
    after,
    settings: withWaiver('  - policy: vague-locations\n    reason: The vendor cannot name its regions yet\n    expires: 2027-01-31\n'),
    expected: [{ messageId: 'waiver-unknown-policy', line: 9, file }],
  },
  {
    name: 'a waiver for a subprocessor that does not exist',
    after,
    settings: withWaiver(
      '  - policy: vague-location\n    subprocessor: acne\n    reason: The vendor cannot name its regions yet\n    expires: 2027-01-31\n',
    ),
    expected: [{ messageId: 'waiver-unknown-subprocessor', line: 10, file }],
  },
  {
    name: 'a severity for an unknown policy',
    after,
    settings: `${SETTINGS}policies:\n  vague-locaton: off\n`,
    expected: [{ messageId: 'unknown-policy', line: 9, file }],
  },
  { name: 'a severity for a real policy', after, settings: `${SETTINGS}policies:\n  vague-location: error\n`, expected: [] },
  {
    name: 'turning off a check that always runs',
    after,
    settings: `${SETTINGS}policies:\n  schema: off\n`,
    expected: [{ messageId: 'not-configurable', line: 9, file }],
  },
  {
    name: 'waiving the waiver check itself',
    after,
    settings: withWaiver('  - policy: policy-config\n    reason: Expired waivers are fine for now\n    expires: 2027-01-31\n'),
    expected: [{ messageId: 'not-configurable', line: 9, file }],
  },
  {
    name: 'a waiver for a vendor this change deletes',
    before: { acme: dpf('acme'), gone: dpf('gone') },
    after,
    settings: withWaiver(
      '  - policy: vendor-removed\n    subprocessor: gone\n    reason: Removed by court order, history kept elsewhere\n    expires: 2027-01-31\n',
    ),
    expected: [],
  },
  {
    name: 'a waiver longer than maxWaiverDays (180 by default)',
    after,
    settings: withWaiver(
      '  - policy: vague-location\n    reason: Google will not say where YouTube stores data\n    expires: 2099-12-31\n',
    ),
    expected: [{ messageId: 'waiver-too-long', line: 11, file }],
  },
  {
    name: 'a waiver the change adds is listed for the reviewer',
    before: after,
    beforeSettings: SETTINGS,
    after,
    settings: withWaiver('  - policy: vague-location\n    reason: The vendor cannot name its regions yet\n    expires: 2027-01-31\n'),
    expected: [{ messageId: 'new-waiver', line: 9, file, severity: 'warning' }],
  },
  {
    name: 'a change to the severities it is judged by',
    before: after,
    beforeSettings: SETTINGS,
    after,
    settings: `${SETTINGS}policies:\n  missing-transfer-mechanism: 'off'\n`,
    expected: [{ messageId: 'settings-changed', line: 9, file, severity: 'warning' }],
  },
  {
    name: "the base's limit applies to the change that raises it",
    before: after,
    beforeSettings: SETTINGS,
    after,
    settings:
      SETTINGS.replace('noticePeriodDays: 30\n', 'noticePeriodDays: 30\nmaxWaiverDays: 3650\n') +
      'waivers:\n  - policy: vague-location\n    reason: The vendor cannot name its regions yet\n    expires: 2030-01-31\n',
    expected: [
      { messageId: 'settings-changed', line: 5, file },
      { messageId: 'waiver-too-long', line: 12, file },
      { messageId: 'new-waiver', line: 10, file },
    ],
  },
  {
    name: 'a waiver limited to a law the registry does not declare',
    after,
    settings: withWaiver(
      '  - policy: invalid-transfer-mechanism\n    law: uk-gdpr\n    reason: UK Extension being confirmed\n    expires: 2027-01-31\n',
    ),
    expected: [{ messageId: 'waiver-undeclared-law', line: 10, file }],
  },
  {
    name: 'a waiver limited to a declared law, and a per-law severity of a per-law policy',
    after,
    settings: `${lawSettings('missing-transfer-mechanism: warning')}waivers:\n  - policy: invalid-transfer-mechanism\n    law: uk-gdpr\n    reason: UK Extension being confirmed\n    expires: 2027-01-31\n`,
    expected: [],
  },
  {
    name: 'a per-law severity for a mistyped policy',
    after,
    settings: lawSettings('missing-transfer-mechnism: warning'),
    expected: [{ messageId: 'law-unknown-policy', line: 12, file }],
  },
  {
    name: 'a per-law severity for a policy that does not judge per law',
    after,
    settings: lawSettings('vague-location: off'),
    expected: [{ messageId: 'law-not-per-law', line: 12, file }],
  },
  {
    // vague-location's findings name no law, so this waiver would match none of them: said at the waiver's law key.
    name: 'a waiver limited to a law, of a policy that does not judge per law',
    after,
    settings: `${lawSettings('missing-transfer-mechanism: warning')}waivers:\n  - policy: vague-location\n    law: uk-gdpr\n    reason: The vendor cannot name its regions yet\n    expires: 2027-01-31\n`,
    expected: [{ messageId: 'waiver-law-not-per-law', line: 15, column: 5, file }],
  },
  {
    name: 'a per-law severity for a check that always runs',
    after,
    settings: lawSettings('schema: off'),
    expected: [{ messageId: 'not-configurable', line: 12, file }],
  },
  {
    name: 'a law declared twice',
    after,
    settings: `${SETTINGS}jurisdictions:\n  - eu-gdpr\n  - uk-gdpr\n  - id: uk-gdpr\n`,
    expected: [{ messageId: 'duplicate-jurisdiction', line: 11, file }],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('names the per-law policy a mistyped one meant, with the exact fix', async () => {
    const report = await runCheck({
      head: memorySource({ 'registry.yaml': lawSettings('missing-transfer-mechnism: warning'), 'subprocessors/acme.yaml': dpf('acme') }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const found = report.diagnostics.find((d) => d.messageId === 'law-unknown-policy');
    expect(found?.message).toBe('jurisdictions sets a severity for missing-transfer-mechnism under uk-gdpr, and no such policy exists');
    expect(found?.hint).toContain('Did you mean missing-transfer-mechanism?');
    expect(found?.fix?.text).toBe('missing-transfer-mechanism');
  });
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
