import { describe, it } from 'vitest';
import policy from '../../policies/policy-config.js';
import { at, expectAllMessagesCovered, expectCase, SETTINGS, vendor, type Case } from './harness.js';

const after = { acme: vendor('acme', at('US', 'dpf')) };
const file = 'registry/registry.yaml';
const withWaiver = (lines: string) => `${SETTINGS}waivers:\n${lines}`;

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
    before: { acme: vendor('acme', at('US', 'dpf')), gone: vendor('gone', at('US', 'dpf')) },
    after,
    settings: withWaiver(
      '  - policy: vendor-removed\n    subprocessor: gone\n    reason: Removed by court order, history kept elsewhere\n    expires: 2027-01-31\n',
    ),
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
