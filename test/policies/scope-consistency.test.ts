import { describe, it } from 'vitest';
import policy from '../../policies/scope-consistency.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// With `users:` on the vendor (line 6), the first location starts on line 8 and its users are on line 9.
const cases: Case[] = [
  {
    name: 'a "[US Only]" vendor with a place for EU users',
    after: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'IE', users: ['EU'], mechanism: 'none' }] }) },
    expected: [{ messageId: 'place-for-nobody', line: 9, severity: 'warning' }],
  },
  {
    name: 'a place for more users than the vendor serves',
    after: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', users: ['US', 'CA'], mechanism: 'scc' }] }) },
    expected: [{ messageId: 'users-not-served', line: 9 }],
  },
  {
    name: 'every user served, but the only place is for US users: EEA users’ data goes nowhere',
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', users: ['US'], mechanism: 'scc' }] }) },
    expected: [{ messageId: 'zone-users-nowhere', line: 7 }],
  },
  {
    name: 'Klarna: European users in Ireland, North American users in the US',
    after: {
      acme: vendorYaml('acme', {
        locations: [
          { place: 'IE', users: ['EUROPE'], mechanism: 'none' },
          { place: 'US', users: ['NORTH_AMERICA'], mechanism: 'scc' },
        ],
      }),
    },
    expected: [],
  },
  {
    name: 'a narrower place scope inside the vendor’s (US users of a North American service)',
    after: { acme: vendorYaml('acme', { users: ['NORTH_AMERICA'], locations: [{ place: 'US', users: ['US'], mechanism: 'scc' }] }) },
    expected: [],
  },
  {
    name: 'a "[US Only]" vendor: no EEA user to place',
    after: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', mechanism: 'scc' }] }) },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
