import { describe, it } from 'vitest';
import policy from '../../policies/duplicate-subprocessor.js';
import { at, expectAllMessagesCovered, expectCase, vendor, type Case } from './harness.js';

const cases: Case[] = [
  {
    name: 'the same name in two files',
    after: { zendesk: vendor('zendesk', at('EEA', 'none'), 'Zendesk'), 'zendesk-eu': vendor('zendesk-eu', at('EEA', 'none'), 'ZENDESK') },
    // Files load in name order: zendesk-eu.yaml comes before zendesk.yaml, so the second is the duplicate.
    expected: [{ messageId: 'same-name', line: 2, file: 'zendesk' }],
  },
  {
    name: 'the same legal entity under two names',
    after: {
      ads: vendor('ads', `legalEntity: Google Ireland Limited\n${at('WORLD', 'scc')}`, 'Google Ads'),
      youtube: vendor('youtube', `legalEntity: Google Ireland Ltd.\n${at('WORLD', 'scc')}`, 'Youtube'),
    },
    expected: [{ messageId: 'same-entity', line: 6, file: 'youtube', severity: 'warning' }],
  },
  {
    name: 'a name with a legal suffix',
    after: { a: vendor('a', at('US', 'dpf'), 'Twilio'), b: vendor('b', at('US', 'dpf'), 'Twilio, Inc.') },
    expected: [{ messageId: 'same-name', line: 2, file: 'b' }],
  },
  {
    name: 'a retired entry and its successor',
    after: {
      a: vendor(
        'a',
        'locations:\n  - place: US\n    mechanism: dpf\nstatus: retired\nretired:\n  on: 2025-01-01\n  reason: Replaced',
        'Twilio',
      ),
      b: vendor('b', at('US', 'dpf'), 'Twilio'),
    },
    expected: [],
  },
  {
    name: 'names in other scripts',
    after: { a: vendor('a', at('JP', 'scc'), '株式会社テスト'), b: vendor('b', at('RU', 'scc'), 'Яндекс') },
    expected: [],
  },
  {
    name: 'different vendors',
    after: { a: vendor('a', at('US', 'dpf'), 'Mailgun'), b: vendor('b', at('US', 'dpf'), 'Mailchimp') },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
