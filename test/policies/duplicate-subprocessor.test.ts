import { describe, expect, it } from 'vitest';
import policy from '../../policies/duplicate-subprocessor.js';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, TODAY, type Case } from './harness.js';

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
  // Look-alike letters (policies/data/confusables.json): the same name to a reader, another string to a computer.
  {
    name: 'a name written with Cyrillic small IE for e',
    after: { a: named('a', 'Zendesk', 'EEA', 'none'), b: named('b', 'Z\u0435nd\u0435sk', 'EEA', 'none') },
    expected: [{ messageId: 'lookalike-name', line: 2, file: 'b' }],
  },
  {
    name: 'a name written with Cyrillic capital KA for K, found in either file order',
    after: { a: named('a', '\u041Alarna', 'IE', 'none'), b: named('b', 'Klarna', 'IE', 'none') },
    expected: [{ messageId: 'lookalike-name', line: 2, file: 'b' }],
  },
  {
    name: 'a name with Greek capitals and a legal suffix',
    after: { a: named('a', 'MAILGUN'), b: named('b', '\u039CAILGUN, Inc.') },
    expected: [{ messageId: 'lookalike-name', line: 2, file: 'b' }],
  },
  {
    name: 'a legal entity with a Cyrillic small O, under another name',
    after: {
      ads: vendorYaml('ads', {
        name: 'Google Ads',
        legalEntity: 'Google Ireland Limited',
        locations: [{ place: 'IE', mechanism: 'none' }],
      }),
      youtube: vendorYaml('youtube', {
        name: 'Youtube',
        legalEntity: 'Go\u043Egle Ireland Limited',
        locations: [{ place: 'IE', mechanism: 'none' }],
      }),
    },
    expected: [{ messageId: 'lookalike-entity', line: 3, file: 'youtube', severity: 'warning' }],
  },
  {
    name: 'a name mixing a look-alike capital and a look-alike small letter',
    after: { a: named('a', 'Klarna', 'IE', 'none'), b: named('b', '\u041A\u04CFarna', 'IE', 'none') },
    expected: [{ messageId: 'lookalike-name', line: 2, file: 'b' }],
  },
  {
    name: 'a small look-alike among capitals',
    after: { a: named('a', 'KLARNA', 'IE', 'none'), b: named('b', '\u043ALARNA', 'IE', 'none') },
    expected: [{ messageId: 'lookalike-name', line: 2, file: 'b' }],
  },
  {
    name: 'a Cyrillic name and its case variant stay one name',
    after: { a: named('a', '\u041Alarna', 'IE', 'none'), b: named('b', '\u043Alarna', 'IE', 'none') },
    expected: [{ messageId: 'same-name', line: 2, file: 'b' }],
  },
  {
    name: 'a Cyrillic name that only resembles a Latin one in part',
    after: { a: named('a', 'Yandex', 'FI', 'none'), b: named('b', '\u042F\u043D\u0434\u0435\u043A\u0441', 'FI', 'none') },
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('names the look-alike letters in its message', async () => {
    const report = await runCheck({
      head: memorySource({
        'registry.yaml': settingsYaml(),
        'subprocessors/a.yaml': named('a', 'Zendesk', 'EEA', 'none'),
        'subprocessors/b.yaml': named('b', 'Z\u0435ndesk', 'EEA', 'none'),
      }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const found = report.diagnostics.find((d) => d.policy === policy.id);
    expect(found?.message).toBe(
      'Z\u0435ndesk is Zendesk, already listed in registry/subprocessors/a.yaml, written with look-alike letters: U+0435 CYRILLIC SMALL LETTER IE',
    );
  });
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
