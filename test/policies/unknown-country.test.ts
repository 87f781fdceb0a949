import { describe, expect, it } from 'vitest';
import policy from '../../policies/unknown-country.js';
import { runValidate } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { at, expectCase, SETTINGS, TODAY, vendor, type Case } from './harness.js';

const cases: Case[] = [
  { name: 'a code no country has', after: { acme: vendor('acme', at('XX', 'scc')) }, expected: [{ messageId: 'unknown', line: 7 }] },
  { name: 'UK, the EU code for GB', after: { acme: vendor('acme', at('UK', 'adequacy')) }, expected: [{ messageId: 'eu-code', line: 7 }] },
  { name: 'EL, the EU code for GR', after: { acme: vendor('acme', at('EL', 'none')) }, expected: [{ messageId: 'eu-code', line: 7 }] },
  {
    name: 'a user scope',
    after: { acme: vendor('acme', at('US', 'dpf', '    users: [ZZ]\n')) },
    expected: [{ messageId: 'unknown', line: 9 }],
  },
  {
    name: "the vendor's user scope",
    after: { acme: vendor('acme', `users: [QQ]\n${at('US', 'dpf')}`) },
    expected: [{ messageId: 'unknown', line: 6 }],
  },
  { name: 'NO stays Norway', after: { acme: vendor('acme', at('NO', 'none')) }, expected: [] },
  { name: 'regions', after: { acme: vendor('acme', at('WORLD', 'scc', '    users: [EEA, EU, EUROPE, NORTH_AMERICA]\n')) }, expected: [] },
  {
    name: "the controller's country",
    after: {},
    settings: 'controller:\n  name: Example\n  country: XK\nnoticePeriodDays: 30\ncategories:\n  - id: hosting\n    title: Hosting\n',
    expected: [{ messageId: 'controller-country', line: 3, file: 'registry/registry.yaml' }],
  },
];

/** Values that are not codes at all fail the schema's pattern; validation reports them under this policy. */
const notACode: { name: string; place: string; messageId: string; suggestion?: string }[] = [
  { name: 'a country name', place: 'Germany', messageId: 'not-a-code-suggest', suggestion: 'DE' },
  { name: 'a misspelt country name', place: 'Germny', messageId: 'not-a-code-suggest', suggestion: 'DE' },
  { name: 'a lower-case code', place: 'fr', messageId: 'not-a-code-suggest', suggestion: 'FR' },
  { name: 'a made-up place', place: 'Atlantis Prime', messageId: 'not-a-code' },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));

  it.each(notACode)('validation reports $name under this policy', async ({ place, messageId, suggestion }) => {
    const report = await runValidate(
      memorySource({ 'registry.yaml': SETTINGS, 'subprocessors/acme.yaml': vendor('acme', at(place, 'scc')) }),
      { today: TODAY, setup: shippedSetup() },
    );
    expect(report.diagnostics.map((d) => ({ policy: d.policy, messageId: d.messageId, line: d.line }))).toEqual([
      { policy: policy.id, messageId, line: 7 },
    ]);
    if (suggestion) expect(report.diagnostics[0]?.hint).toBe(`Replace it with "${suggestion}".`);
  });

  it('covers every message', () => {
    const covered = new Set([...cases.flatMap((c) => c.expected.map((e) => e.messageId)), ...notACode.map((c) => c.messageId)]);
    expect(Object.keys(policy.messages).filter((id) => !covered.has(id))).toEqual([]);
  });
});
