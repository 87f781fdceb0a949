import { describe, it } from 'vitest';
import policy from '../../policies/missing-transfer-mechanism.js';
import { vendorYaml, type LocationSpec } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// acme.yaml with these locations; the first place is on line 7 (the layout of vendorYaml).
const acme = (...locations: LocationSpec[]) => ({ acme: vendorYaml('acme', { locations }) });

const cases: Case[] = [
  { name: 'a US vendor with no mechanism', after: acme({ place: 'US' }), expected: [{ messageId: 'missing', line: 7 }] },
  { name: 'WORLD with no mechanism', after: acme({ place: 'WORLD' }), expected: [{ messageId: 'missing', line: 7 }] },
  {
    name: 'a country with an adequacy decision still needs it stated',
    after: acme({ place: 'JP' }),
    expected: [{ messageId: 'missing', line: 7 }],
  },
  {
    name: 'the second of two places',
    after: acme({ place: 'FR', mechanism: 'none' }, { place: 'IN' }),
    // FR on lines 7-8, IN on line 9.
    expected: [{ messageId: 'missing', line: 9 }],
  },
  { name: 'a place inside the EEA needs no mechanism', after: acme({ place: 'DE' }), expected: [] },
  { name: 'the EEA region needs no mechanism', after: acme({ place: 'EEA' }), expected: [] },
  {
    name: 'a vendor serving US users only carries no GDPR data to the US',
    after: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'US' }] }) },
    expected: [],
  },
  {
    name: 'a place scoped to North American users',
    after: acme({ place: 'US', users: ['NORTH_AMERICA'] }),
    expected: [],
  },
  {
    name: 'a place scoped to EU users',
    after: acme({ place: 'US', users: ['EU'] }),
    expected: [{ messageId: 'missing', line: 7 }],
  },
  { name: 'mechanisms listed in order are not missing', after: acme({ place: 'US', mechanisms: ['dpf', 'scc'] }), expected: [] },
  {
    name: 'a list with an invalid mechanism is not missing either (invalid-transfer-mechanism says why)',
    after: acme({ place: 'IN', mechanisms: ['dpf', 'scc'] }),
    expected: [],
  },
  { name: 'a mechanism given, even a wrong one, is not missing', after: acme({ place: 'US', mechanism: 'none' }), expected: [] },
  {
    name: 'a retired vendor no longer transfers',
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US' }], retired: { on: '2025-01-01', reason: 'Contract ended' } }) },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
