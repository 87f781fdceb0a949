import { describe, it } from 'vitest';
import policy from '../../policies/missing-transfer-mechanism.js';
import { at, expectAllMessagesCovered, expectCase, vendor, type Case } from './harness.js';

const cases: Case[] = [
  { name: 'a US vendor with no mechanism', after: { acme: vendor('acme', at('US')) }, expected: [{ messageId: 'missing', line: 7 }] },
  { name: 'WORLD with no mechanism', after: { acme: vendor('acme', at('WORLD')) }, expected: [{ messageId: 'missing', line: 7 }] },
  {
    name: 'a country with an adequacy decision still needs it stated',
    after: { acme: vendor('acme', at('JP')) },
    expected: [{ messageId: 'missing', line: 7 }],
  },
  {
    name: 'the second of two places',
    after: { acme: vendor('acme', 'locations:\n  - place: FR\n    mechanism: none\n  - place: IN\nstatus: active') },
    expected: [{ messageId: 'missing', line: 9 }],
  },
  { name: 'a place inside the EEA needs no mechanism', after: { acme: vendor('acme', at('DE')) }, expected: [] },
  { name: 'the EEA region needs no mechanism', after: { acme: vendor('acme', at('EEA')) }, expected: [] },
  {
    name: 'a vendor serving US users only carries no GDPR data to the US',
    after: { acme: vendor('acme', `users: [US]\n${at('US')}`) },
    expected: [],
  },
  {
    name: 'a place scoped to North American users',
    after: { acme: vendor('acme', at('US', undefined, '    users: [NORTH_AMERICA]\n')) },
    expected: [],
  },
  {
    name: 'a place scoped to EU users',
    after: { acme: vendor('acme', at('US', undefined, '    users: [EU]\n')) },
    expected: [{ messageId: 'missing', line: 7 }],
  },
  { name: 'a mechanism given, even a wrong one, is not missing', after: { acme: vendor('acme', at('US', 'none')) }, expected: [] },
  {
    name: 'a retired vendor no longer transfers',
    after: { acme: vendor('acme', 'locations:\n  - place: US\nstatus: retired\nretired:\n  on: 2025-01-01\n  reason: Contract ended') },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
