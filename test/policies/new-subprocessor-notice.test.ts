import { describe, it } from 'vitest';
import policy from '../../policies/new-subprocessor-notice.js';
import { at, expectAllMessagesCovered, expectCase, vendor, type Case } from './harness.js';

// TODAY is 2026-11-23 and the notice period 30 days: the earliest start is 2026-12-23.
const acme = vendor('acme', at('FR', 'none'));
const starting = (since: string) => vendor('beta', `since: ${since}\n${at('US', 'dpf')}`);

const cases: Case[] = [
  {
    name: 'a new vendor starting after the notice period',
    before: { acme },
    after: { acme, beta: starting('2026-12-23') },
    expected: [{ messageId: 'notice-added', line: 1, file: 'beta', severity: 'info' }],
  },
  {
    name: 'a new vendor starting too soon',
    before: { acme },
    after: { acme, beta: starting('2026-12-01') },
    expected: [
      { messageId: 'too-soon', line: 6, file: 'beta', severity: 'error' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  {
    name: 'a new vendor with no start date',
    before: { acme },
    after: { acme, beta: vendor('beta', at('US', 'dpf')) },
    expected: [
      { messageId: 'no-start-date', line: 1, file: 'beta', severity: 'error' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  {
    name: 'a new place with a start date in time',
    before: { acme },
    after: {
      acme: vendor(
        'acme',
        'locations:\n  - place: FR\n    mechanism: none\n  - place: US\n    mechanism: scc\n    since: 2027-01-10\nstatus: active',
      ),
    },
    expected: [{ messageId: 'notice-place', line: 9 }],
  },
  {
    name: 'a new place too soon',
    before: { acme },
    after: {
      acme: vendor(
        'acme',
        'locations:\n  - place: FR\n    mechanism: none\n  - place: US\n    mechanism: scc\n    since: 2026-11-30\nstatus: active',
      ),
    },
    expected: [
      { messageId: 'place-too-soon', line: 11 },
      { messageId: 'notice-place', line: 9 },
    ],
  },
  {
    name: 'a new place with no start date',
    before: { acme },
    after: { acme: vendor('acme', 'locations:\n  - place: FR\n    mechanism: none\n  - place: US\n    mechanism: scc\nstatus: active') },
    expected: [
      { messageId: 'place-no-start-date', line: 9 },
      { messageId: 'notice-place', line: 9 },
    ],
  },
  {
    name: 'a mechanism change',
    before: { beta: vendor('beta', at('US', 'dpf')) },
    after: { beta: vendor('beta', at('US', 'scc')) },
    expected: [{ messageId: 'notice-mechanism', line: 8, file: 'beta' }],
  },
  {
    name: 'a retirement',
    before: { acme },
    after: {
      acme: vendor(
        'acme',
        'locations:\n  - place: FR\n    mechanism: none\nstatus: retired\nretired:\n  on: 2026-12-31\n  reason: Contract ended',
      ),
    },
    expected: [{ messageId: 'notice-retired', line: 9 }],
  },
  {
    name: 'a longer notice period in the settings',
    before: { acme },
    after: { acme, beta: starting('2026-12-23') },
    settings: 'controller:\n  name: Example\n  country: FR\nnoticePeriodDays: 60\ncategories:\n  - id: hosting\n    title: Hosting\n',
    expected: [
      { messageId: 'too-soon', line: 6, file: 'beta' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  { name: 'no change, no notice', before: { acme }, after: { acme }, expected: [] },
  {
    name: 'a retired vendor engaged again needs notice like a new one',
    before: {
      acme: vendor(
        'acme',
        'locations:\n  - place: FR\n    mechanism: none\nstatus: retired\nretired:\n  on: 2025-01-01\n  reason: Contract ended',
      ),
    },
    after: { acme },
    expected: [
      { messageId: 'no-start-date', line: 1 },
      { messageId: 'notice-reactivated', line: 1 },
    ],
  },
  {
    // vendor-removed reports the deletion as an error; customers still lose the vendor from the list.
    name: 'a deleted vendor is a change customers are told of',
    before: { acme, gone: vendor('gone', at('FR', 'none')) },
    after: { acme },
    expected: [{ messageId: 'notice-deleted', line: 1, file: 'gone' }],
  },
  {
    name: "a place's user scope narrowed is not a new place",
    before: { acme: vendor('acme', at('IE', 'none', '    users: [EUROPE]\n')) },
    after: { acme: vendor('acme', at('IE', 'none', '    users: [EU]\n')) },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
