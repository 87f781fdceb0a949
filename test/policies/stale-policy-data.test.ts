import { describe, it } from 'vitest';
import policy from '../../policies/stale-policy-data.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// The shipped data says reviewedOn 2026-11-30, to be reviewed every 180 days: fresh through 2027-05-29.
const after = { acme: vendorYaml('acme') };
const file = 'policies/data/transfers/eu-gdpr.json';

const cases: Case[] = [
  { name: 'reviewed recently', after, today: '2026-12-01', expected: [] },
  { name: 'on the last fresh day', after, today: '2027-05-29', expected: [] },
  { name: 'a day too old', after, today: '2027-05-30', expected: [{ messageId: 'stale', line: 5, file, severity: 'warning' }] },
  { name: 'a review dated in the future', after, today: '2026-11-01', expected: [{ messageId: 'review-in-future', line: 5, file }] },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
