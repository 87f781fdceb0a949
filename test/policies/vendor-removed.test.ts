import { describe, it } from 'vitest';
import policy from '../../policies/vendor-removed.js';
import { at, expectAllMessagesCovered, expectCase, vendor, type Case } from './harness.js';

const acme = vendor('acme', at('FR', 'none'));
const beta = vendor('beta', at('US', 'dpf'));
const retiredBeta = vendor(
  'beta',
  'locations:\n  - place: US\n    mechanism: dpf\nstatus: retired\nretired:\n  on: 2026-12-31\n  reason: Contract ended',
);

const cases: Case[] = [
  { name: 'a deleted file', before: { acme, beta }, after: { acme }, expected: [{ messageId: 'deleted', line: 1, file: 'beta' }] },
  { name: 'a retired entry is not a deletion', before: { acme, beta }, after: { acme, beta: retiredBeta }, expected: [] },
  { name: 'nothing removed', before: { acme }, after: { acme, beta }, expected: [] },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
