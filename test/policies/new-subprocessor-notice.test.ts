import { describe, it } from 'vitest';
import policy from '../../policies/new-subprocessor-notice.js';
import { lineOf, settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// TODAY is 2026-11-30 and the notice period 30 days: the earliest start is 2026-12-30.
// acme.yaml: FR on lines 7-8, status on line 9 (the layout of vendorYaml).
const acme = vendorYaml('acme');
// beta.yaml, new in the head: its top-level since: on line 10, after the status.
const starting = (since: string) => vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'dpf' }], since });
const SINCE_LINE = lineOf(starting('2026-12-01'), 'since:');
// acme.yaml with a second place, US, from line 9; its since: (when given) on line 11.
const withUs = (since?: string) =>
  vendorYaml('acme', {
    locations: [
      { place: 'FR', mechanism: 'none' },
      { place: 'US', mechanism: 'scc', ...(since ? { since } : {}) },
    ],
  });
const SCOPED = settingsYaml({
  scopes: [
    { id: 'ai-features', kind: 'feature', title: 'AI features' },
    { id: 'eu-cloud', kind: 'residency', title: 'EU cloud' },
    { id: 'us-cloud', kind: 'residency', title: 'US cloud' },
  ],
});
const retiredAcme = (on: string) => vendorYaml('acme', { retired: { on, reason: 'Contract ended' } });

const cases: Case[] = [
  {
    name: 'a new vendor starting after the notice period',
    before: { acme },
    after: { acme, beta: starting('2026-12-30') },
    expected: [{ messageId: 'notice-added', line: 1, file: 'beta', severity: 'info' }],
  },
  {
    name: 'a new vendor starting too soon',
    before: { acme },
    after: { acme, beta: starting('2026-12-01') },
    expected: [
      { messageId: 'too-soon', line: SINCE_LINE, file: 'beta', severity: 'error' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  {
    name: 'a new vendor with no start date',
    before: { acme },
    after: { acme, beta: vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'dpf' }] }) },
    expected: [
      { messageId: 'no-start-date', line: 1, file: 'beta', severity: 'error' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  {
    name: 'a new place with a start date in time',
    before: { acme },
    after: { acme: withUs('2027-01-10') },
    expected: [{ messageId: 'notice-place', line: 9 }],
  },
  {
    name: 'a new place too soon',
    before: { acme },
    after: { acme: withUs('2026-11-30') },
    expected: [
      { messageId: 'place-too-soon', line: 11 },
      { messageId: 'notice-place', line: 9 },
    ],
  },
  {
    name: 'a new place with no start date',
    before: { acme },
    after: { acme: withUs() },
    expected: [
      { messageId: 'place-no-start-date', line: 9 },
      { messageId: 'notice-place', line: 9 },
    ],
  },
  {
    name: 'a mechanism change',
    before: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'dpf' }] }) },
    after: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'scc' }] }) },
    expected: [{ messageId: 'notice-mechanism', line: 8, file: 'beta' }],
  },
  {
    name: 'a mechanism added to the list (dpf, else scc)',
    before: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanism: 'dpf' }] }) },
    after: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }] }) },
    expected: [{ messageId: 'notice-mechanism', line: 8, file: 'beta', messageIncludes: 'from dpf to dpf, else scc' }],
  },
  {
    name: 'the same mechanisms in another order: no notice',
    before: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }] }) },
    after: { beta: vendorYaml('beta', { locations: [{ place: 'US', mechanisms: ['scc', 'dpf'] }] }) },
    expected: [],
  },
  {
    name: 'a retirement',
    before: { acme },
    after: { acme: retiredAcme('2026-12-31') },
    expected: [{ messageId: 'notice-retired', line: 9 }],
  },
  {
    name: 'a longer notice period in the settings',
    before: { acme },
    after: { acme, beta: starting('2026-12-30') },
    settings: settingsYaml({ noticePeriodDays: 60 }),
    expected: [
      { messageId: 'too-soon', line: SINCE_LINE, file: 'beta' },
      { messageId: 'notice-added', line: 1, file: 'beta' },
    ],
  },
  { name: 'no change, no notice', before: { acme }, after: { acme }, expected: [] },
  {
    name: 'a retired vendor engaged again needs notice like a new one',
    before: { acme: retiredAcme('2025-01-01') },
    after: { acme },
    expected: [
      { messageId: 'no-start-date', line: 1 },
      { messageId: 'notice-reactivated', line: 1 },
    ],
  },
  {
    name: 'a "[US Only]" vendor now serving every user is announced (the same place, more users)',
    before: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', mechanism: 'scc' }] }) },
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc' }] }) },
    expected: [{ messageId: 'notice-scope', line: 7, severity: 'info' }],
  },
  {
    name: 'a residency scope widened to a second residency is announced, in the titles customers know',
    settings: SCOPED,
    before: { acme: vendorYaml('acme', { locations: [{ place: 'DE', mechanism: 'none', when: '{ residency: [eu-cloud] }' }] }) },
    after: { acme: vendorYaml('acme', { locations: [{ place: 'DE', mechanism: 'none', when: '{ residency: [eu-cloud, us-cloud] }' }] }) },
    expected: [
      {
        messageId: 'notice-when',
        line: 9,
        severity: 'info',
        messageIncludes: 'now receives data at DE (Germany) only in EU cloud or US cloud (was only in EU cloud)',
      },
    ],
  },
  {
    name: "a vendor's feature scope removed is announced at the vendor: every customer now",
    settings: SCOPED,
    before: { acme: vendorYaml('acme', { when: '{ feature: [ai-features] }' }) },
    after: { acme },
    expected: [
      { messageId: 'notice-when', line: 1, messageIncludes: 'whatever the product, feature or residency (was only with AI features)' },
    ],
  },
  {
    name: 'a narrowed product, feature or residency scope is no news for customers',
    settings: SCOPED,
    before: { acme: vendorYaml('acme', { when: '{ residency: [eu-cloud, us-cloud] }' }) },
    after: { acme: vendorYaml('acme', { when: '{ residency: [us-cloud] }' }) },
    expected: [],
  },
  {
    name: 'a new feature-scoped vendor says so in its notice',
    settings: SCOPED,
    before: { acme },
    after: { acme, beta: vendorYaml('beta', { when: '{ feature: [ai-features] }', since: '2027-01-15' }) },
    expected: [{ messageId: 'notice-added', line: 1, file: 'beta', messageIncludes: '(FR: none, only with AI features)' }],
  },
  {
    name: 'health data added to a vendor is announced at its dataCategories, the article named',
    before: { acme: vendorYaml('acme', { dataCategories: ['contact'] }) },
    after: { acme: vendorYaml('acme', { dataCategories: ['contact', 'health'] }) },
    expected: [{ messageId: 'notice-special-data', line: 6, severity: 'info', messageIncludes: 'acme now processes Health data (Art. 9)' }],
  },
  {
    name: "a place's own list gaining biometric data is announced at that list, naming the place",
    before: { acme: vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc', dataCategories: ['contact'] }] }) },
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc', dataCategories: ['contact', 'biometric'] }] }) },
    expected: [
      {
        messageId: 'notice-special-data',
        line: 9,
        messageIncludes: 'now processes Biometric data (Art. 9) at US (United States of America)',
      },
    ],
  },
  {
    name: 'a category that is not special is no news for customers',
    before: { acme: vendorYaml('acme', { dataCategories: ['contact'] }) },
    after: { acme: vendorYaml('acme', { dataCategories: ['contact', 'financial'] }) },
    expected: [],
  },
  {
    name: 'a narrowed scope is no news for customers',
    before: { acme: vendorYaml('acme', { locations: [{ place: 'US', users: ['US', 'CA'], mechanism: 'scc' }] }) },
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', users: ['US'], mechanism: 'scc' }] }) },
    expected: [],
  },
  {
    // vendor-removed reports the deletion as an error; customers still lose the vendor from the list.
    name: 'a deleted vendor is a change customers are told of',
    before: { acme, gone: vendorYaml('gone') },
    after: { acme },
    expected: [{ messageId: 'notice-deleted', line: 1, file: 'gone' }],
  },
  {
    name: "a place's user scope narrowed is not a new place",
    before: { acme: vendorYaml('acme', { locations: [{ place: 'IE', users: ['EUROPE'], mechanism: 'none' }] }) },
    after: { acme: vendorYaml('acme', { locations: [{ place: 'IE', users: ['EU'], mechanism: 'none' }] }) },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
