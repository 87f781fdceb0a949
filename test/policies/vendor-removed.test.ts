import { describe, it } from 'vitest';
import policy from '../../policies/vendor-removed.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

const acme = vendorYaml('acme');
const beta = vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'dpf' }] });
const retiredBeta = vendorYaml('beta', {
  locations: [{ place: 'US', mechanism: 'dpf' }],
  retired: { on: '2026-12-31', reason: 'Contract ended' },
});

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
