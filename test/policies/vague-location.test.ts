import { describe, it } from 'vitest';
import policy from '../../policies/vague-location.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// acme.yaml with one location, whose place is on line 7 (the layout of vendorYaml).
const acmeAt = (place: string, mechanism: string) => ({ acme: vendorYaml('acme', { locations: [{ place, mechanism }] }) });

const cases: Case[] = [
  { name: 'WORLD', after: acmeAt('WORLD', 'scc'), expected: [{ messageId: 'vague', line: 7, severity: 'warning' }] },
  { name: 'NORTH_AMERICA', after: acmeAt('NORTH_AMERICA', 'scc'), expected: [{ messageId: 'vague', line: 7 }] },
  {
    name: 'EUROPE declared without transfer',
    after: acmeAt('EUROPE', 'none'),
    expected: [{ messageId: 'vague-none', line: 7 }],
  },
  { name: 'the EEA is precise enough for transfers', after: acmeAt('EEA', 'none'), expected: [] },
  { name: 'a country', after: acmeAt('US', 'dpf'), expected: [] },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
