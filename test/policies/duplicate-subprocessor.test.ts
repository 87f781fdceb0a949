import { describe, it } from 'vitest';
import policy from '../../policies/duplicate-subprocessor.js';
import { vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// The name is on line 2, a legal entity on line 3 (the layout of vendorYaml).
const named = (id: string, name: string, place = 'US', mechanism = 'dpf') => vendorYaml(id, { name, locations: [{ place, mechanism }] });

const cases: Case[] = [
  {
    name: 'the same name in two files',
    after: { zendesk: named('zendesk', 'Zendesk', 'EEA', 'none'), 'zendesk-eu': named('zendesk-eu', 'ZENDESK', 'EEA', 'none') },
    // Files load in name order: zendesk-eu.yaml comes before zendesk.yaml, so the second is the duplicate.
    expected: [{ messageId: 'same-name', line: 2, file: 'zendesk' }],
  },
  {
    name: 'the same legal entity under two names',
    after: {
      ads: vendorYaml('ads', {
        name: 'Google Ads',
        legalEntity: 'Google Ireland Limited',
        locations: [{ place: 'WORLD', mechanism: 'scc' }],
      }),
      youtube: vendorYaml('youtube', {
        name: 'Youtube',
        legalEntity: 'Google Ireland Ltd.',
        locations: [{ place: 'WORLD', mechanism: 'scc' }],
      }),
    },
    expected: [{ messageId: 'same-entity', line: 3, file: 'youtube', severity: 'warning' }],
  },
  {
    name: 'a name with a legal suffix',
    after: { a: named('a', 'Twilio'), b: named('b', 'Twilio, Inc.') },
    expected: [{ messageId: 'same-name', line: 2, file: 'b' }],
  },
  {
    name: 'a retired entry and its successor',
    after: {
      a: vendorYaml('a', {
        name: 'Twilio',
        locations: [{ place: 'US', mechanism: 'dpf' }],
        retired: { on: '2025-01-01', reason: 'Replaced' },
      }),
      b: named('b', 'Twilio'),
    },
    expected: [],
  },
  {
    name: 'names in other scripts',
    after: { a: named('a', '株式会社テスト', 'JP', 'scc'), b: named('b', 'Яндекс', 'RU', 'scc') },
    expected: [],
  },
  {
    name: 'different vendors',
    after: { a: named('a', 'Mailgun'), b: named('b', 'Mailchimp') },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
