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
    expected: [{ messageId: 'same-entity', line: 6, file: 'youtube' }],
  },
  {
    name: 'a name with a legal suffix',
    after: { a: vendor('a', at('US', 'dpf'), 'Twilio'), b: vendor('b', at('US', 'dpf'), 'Twilio, Inc.') },
    expected: [{ messageId: 'same-name', line: 2, file: 'b' }],
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
