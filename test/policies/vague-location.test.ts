import { describe, it } from 'vitest';
import policy from '../../policies/vague-location.js';
import { at, expectAllMessagesCovered, expectCase, vendor, type Case } from './harness.js';

const cases: Case[] = [
  { name: 'WORLD', after: { acme: vendor('acme', at('WORLD', 'scc')) }, expected: [{ messageId: 'vague', line: 7, severity: 'warning' }] },
  { name: 'NORTH_AMERICA', after: { acme: vendor('acme', at('NORTH_AMERICA', 'scc')) }, expected: [{ messageId: 'vague', line: 7 }] },
  {
    name: 'EUROPE declared without transfer',
    after: { acme: vendor('acme', at('EUROPE', 'none')) },
    expected: [{ messageId: 'vague-none', line: 7 }],
  },
  { name: 'the EEA is precise enough for transfers', after: { acme: vendor('acme', at('EEA', 'none')) }, expected: [] },
  { name: 'a country', after: { acme: vendor('acme', at('US', 'dpf')) }, expected: [] },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
