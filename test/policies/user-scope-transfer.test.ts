import { describe, it } from 'vitest';
import policy from '../../policies/user-scope-transfer.js';
import { settingsYaml, vendorYaml, type LocationSpec } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// acme.yaml serves US users only (line 6), with one location: place line 8, mechanism line 9.
const usOnly = (location: LocationSpec) => ({ acme: vendorYaml('acme', { users: ['US'], locations: [location] }) });

const cases: Case[] = [
  {
    name: 'US users to the US declared "none", controller in France (HeartBeat Health)',
    after: usOnly({ place: 'US', mechanism: 'none' }),
    expected: [{ messageId: 'scope-exempts', line: 9, severity: 'warning' }],
  },
  {
    name: 'US users to the US with no mechanism at all',
    after: usOnly({ place: 'US' }),
    expected: [{ messageId: 'scope-exempts', line: 8 }],
  },
  {
    name: "a location's own scope (Klarna's North American users in the US)",
    after: {
      acme: vendorYaml('acme', {
        locations: [
          { place: 'IE', users: ['EUROPE'], mechanism: 'none' },
          { place: 'US', users: ['NORTH_AMERICA'], mechanism: 'none' },
        ],
      }),
    },
    expected: [{ messageId: 'scope-exempts', line: 12 }],
  },
  { name: 'the mechanism the DPA uses is recorded', after: usOnly({ place: 'US', mechanism: 'scc' }), expected: [] },
  { name: 'the mechanisms the DPA uses are recorded, in order', after: usOnly({ place: 'US', mechanisms: ['dpf', 'scc'] }), expected: [] },
  {
    name: 'a controller established in the US: only EEA users’ data counts (Art. 3(2))',
    settings: settingsYaml({ country: 'US' }),
    after: usOnly({ place: 'US', mechanism: 'none' }),
    expected: [],
  },
  {
    name: 'a processor established in Germany: all it processes for customers counts (Art. 3(1))',
    settings: settingsYaml({ country: 'DE', role: 'processor' }),
    after: usOnly({ place: 'US', mechanism: 'none' }),
    expected: [{ messageId: 'scope-exempts', line: 9 }],
  },
  {
    name: 'a processor established in the US: only the data of customers or users in the EEA counts (Art. 3(2))',
    settings: settingsYaml({ country: 'US', role: 'processor' }),
    after: usOnly({ place: 'US', mechanism: 'none' }),
    expected: [],
  },
  {
    name: 'counsel reads Art. 3 otherwise: transferScope users-in-zone',
    settings: `${settingsYaml()}transferScope: users-in-zone\n`,
    after: usOnly({ place: 'US', mechanism: 'none' }),
    expected: [],
  },
  {
    name: 'EU users kept in Germany: no transfer whatever the reading',
    after: { acme: vendorYaml('acme', { users: ['EU'], locations: [{ place: 'DE', mechanism: 'none' }] }) },
    expected: [],
  },
  {
    // Unscoped data outside the zone with "none" is invalid-transfer-mechanism's error, not this warning.
    name: 'every user’s data to the US with "none"',
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'none' }] }) },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
