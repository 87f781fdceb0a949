import { describe, expect, it } from 'vitest';
import policy from '../../policies/unknown-country.js';
import { runValidate } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml, type LocationSpec } from '../helpers/vendor-yaml.js';
import { expectCase, SETTINGS, TODAY, type Case } from './harness.js';

// acme.yaml with one location: place on line 7, then its users and mechanism (the layout of vendorYaml).
const acme = (location: LocationSpec) => ({ acme: vendorYaml('acme', { locations: [location] }) });

const cases: Case[] = [
  { name: 'a code no country has', after: acme({ place: 'XX', mechanism: 'scc' }), expected: [{ messageId: 'unknown', line: 7 }] },
  { name: 'UK, the EU code for GB', after: acme({ place: 'UK', mechanism: 'adequacy' }), expected: [{ messageId: 'eu-code', line: 7 }] },
  { name: 'EL, the EU code for GR', after: acme({ place: 'EL', mechanism: 'none' }), expected: [{ messageId: 'eu-code', line: 7 }] },
  {
    name: 'a user scope',
    after: acme({ place: 'US', users: ['ZZ'], mechanism: 'dpf' }),
    expected: [{ messageId: 'unknown', line: 8 }],
  },
  {
    name: "the vendor's user scope",
    // The vendor's users: line comes before locations:, on line 6.
    after: { acme: vendorYaml('acme', { users: ['QQ'], locations: [{ place: 'US', mechanism: 'dpf' }] }) },
    expected: [{ messageId: 'unknown', line: 6 }],
  },
  { name: 'NO stays Norway', after: acme({ place: 'NO', mechanism: 'none' }), expected: [] },
  { name: 'regions', after: acme({ place: 'WORLD', users: ['EEA', 'EU', 'EUROPE', 'NORTH_AMERICA'], mechanism: 'scc' }), expected: [] },
  {
    name: "the controller's country",
    after: {},
    settings: settingsYaml({ country: 'XK' }),
    expected: [{ messageId: 'controller-country', line: 3, file: 'registry/registry.yaml' }],
  },
];

/** Values that are not codes at all fail the schema's pattern; validation reports them under this policy. */
const notACode: { name: string; place: string; messageId: string; suggestion?: string }[] = [
  { name: 'a country name', place: 'Germany', messageId: 'not-a-code-suggest', suggestion: 'DE' },
  { name: 'a misspelt country name', place: 'Germny', messageId: 'not-a-code-suggest', suggestion: 'DE' },
  { name: 'a lower-case code', place: 'fr', messageId: 'not-a-code-suggest', suggestion: 'FR' },
  { name: 'a country name in German', place: 'Deutschland', messageId: 'not-a-code-suggest', suggestion: 'DE' },
  { name: 'a country name in French', place: 'États-Unis', messageId: 'not-a-code-suggest', suggestion: 'US' },
  { name: 'a made-up place', place: 'Atlantis Prime', messageId: 'not-a-code' },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));

  it.each(notACode)('validation reports $name under this policy', async ({ place, messageId, suggestion }) => {
    const report = await runValidate(
      memorySource({
        'registry.yaml': SETTINGS,
        'subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place, mechanism: 'scc' }] }),
      }),
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
