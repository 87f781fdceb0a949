import { describe, expect, it } from 'vitest';
import { lawOf, type Law } from '../../scripts/engine/jurisdiction.js';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedLaws, shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import policy from '../../policies/invalid-transfer-mechanism.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

// acme.yaml with one location: its place on line 7, its mechanism on line 8 (the layout of vendorYaml).
const one = (place: string, mechanism: string) => ({ acme: vendorYaml('acme', { locations: [{ place, mechanism }] }) });
const list = (place: string, ...mechanisms: string[]) => ({ acme: vendorYaml('acme', { locations: [{ place, mechanisms }] }) });

/** The shipped EU facts as they stood before Brazil's decision was adopted: announced, not in force. */
function announcedBrazil(): Law {
  const eu = shippedLaws().find((law) => law.id === 'eu-gdpr');
  if (!eu) throw new Error('no shipped law');
  const adequacy = eu.data.adequacy.map((d) => (d.code === 'BR' ? { ...d, status: 'announced' as const, announced: '2025-09' } : d));
  return lawOf({ ...eu.data, adequacy });
}

const cases: Case[] = [
  { name: 'none for the US', after: one('US', 'none'), expected: [{ messageId: 'none-outside-eea', line: 8, severity: 'error' }] },
  { name: 'none for WORLD', after: one('WORLD', 'none'), expected: [{ messageId: 'none-outside-eea', line: 8 }] },
  {
    name: 'none for the US, US users only',
    after: { acme: vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', mechanism: 'none' }] }) },
    expected: [],
  },
  { name: 'none for EUROPE is left to vague-location', after: one('EUROPE', 'none'), expected: [] },
  { name: 'none inside the EEA', after: one('FR', 'none'), expected: [] },
  { name: 'dpf for the US', after: one('US', 'dpf'), expected: [] },
  { name: 'dpf for India', after: one('IN', 'dpf'), expected: [{ messageId: 'dpf-outside-us', line: 8, severity: 'error' }] },
  { name: 'dpf for WORLD', after: one('WORLD', 'dpf'), expected: [{ messageId: 'dpf-outside-us', line: 8 }] },
  { name: 'adequacy for India', after: one('IN', 'adequacy'), expected: [{ messageId: 'no-adequacy', line: 8, severity: 'error' }] },
  { name: 'adequacy for Switzerland', after: one('CH', 'adequacy'), expected: [] },
  { name: 'adequacy for the UK before its end date', after: one('GB', 'adequacy'), expected: [] },
  {
    name: 'adequacy for the UK after 2031-12-27',
    after: one('GB', 'adequacy'),
    today: '2032-01-15',
    expected: [{ messageId: 'adequacy-expired', line: 8, severity: 'error' }],
  },
  { name: 'adequacy for Brazil, in force since 2026-01-26 ((EU) 2026/179)', after: one('BR', 'adequacy'), expected: [] },
  {
    name: 'adequacy for a decision announced but not yet in force',
    after: one('BR', 'adequacy'),
    laws: [announcedBrazil()],
    expected: [{ messageId: 'adequacy-announced', line: 8, severity: 'warning' }],
  },
  {
    name: 'adequacy for Canada, partial',
    after: one('CA', 'adequacy'),
    expected: [{ messageId: 'adequacy-partial', line: 8, severity: 'warning' }],
  },
  { name: 'adequacy for the US', after: one('US', 'adequacy'), expected: [{ messageId: 'adequacy-for-us', line: 8, severity: 'warning' }] },
  { name: 'Privacy Shield', after: one('US', 'privacy-shield'), expected: [{ messageId: 'invalidated', line: 8, severity: 'error' }] },
  { name: 'Safe Harbor', after: one('US', 'safe-harbor'), expected: [{ messageId: 'invalidated', line: 8 }] },
  {
    name: 'a derogation as the regular basis',
    after: one('IN', 'derogation'),
    expected: [{ messageId: 'derogation', line: 8, severity: 'warning' }],
  },
  {
    name: 'scc inside the EEA is unnecessary',
    after: one('DE', 'scc'),
    expected: [{ messageId: 'unnecessary', line: 8, severity: 'info' }],
  },
  { name: 'scc for WORLD', after: one('WORLD', 'scc'), expected: [] },
  {
    name: 'the EU SCCs alone under the UK GDPR',
    after: one('US', 'scc'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    expected: [{ messageId: 'not-accepted', line: 8, severity: 'error', messageIncludes: 'under the UK GDPR' }],
  },
  {
    name: 'the EU SCCs with the UK Addendum under the UK GDPR',
    after: list('US', 'scc', 'uk-addendum'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    expected: [],
  },
  {
    name: 'the UK Addendum alone under the UK GDPR: it amends the EU SCCs, which are not listed',
    after: one('US', 'uk-addendum'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    expected: [
      {
        messageId: 'needs-companion',
        line: 8,
        severity: 'error',
        messageIncludes: 'uk-addendum (UK Addendum to the EU Standard Contractual Clauses) only amends scc',
      },
    ],
  },
  {
    name: 'the UK Addendum beside the IDTA: the IDTA covers it, the Addendum still amends nothing',
    after: list('IN', 'uk-idta', 'uk-addendum'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    expected: [{ messageId: 'needs-companion', line: 8, column: 27 }],
  },
  {
    name: 'dpf judged on a day before the EU-US DPF was adopted (2023-07-10)',
    after: one('US', 'dpf'),
    today: '2021-01-01',
    expected: [
      {
        messageId: 'not-yet-in-force',
        line: 8,
        severity: 'error',
        messageIncludes: 'came into force only on 2023-07-10, after the day judged',
      },
    ],
  },
  { name: 'dpf judged on the day the EU-US DPF was adopted', after: one('US', 'dpf'), today: '2023-07-10', expected: [] },
  {
    name: 'the IDTA judged before 2022-03-21 under the UK GDPR',
    after: one('IN', 'uk-idta'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    today: '2022-03-20',
    expected: [{ messageId: 'not-yet-in-force', line: 8 }],
  },
  {
    name: 'none for Ireland under the UK GDPR alone: the UK deems the EEA adequate',
    after: one('IE', 'none'),
    settings: settingsYaml({ jurisdictions: ['uk-gdpr'] }),
    expected: [],
  },
  // mechanisms: [a, b] on line 8; its items start at columns 18 and 18 + len(a) + 2.
  { name: 'dpf, else scc, for the US', after: list('US', 'dpf', 'scc'), expected: [] },
  {
    name: 'dpf, else scc, for India: scc covers it, dpf still cannot',
    after: list('IN', 'dpf', 'scc'),
    expected: [
      { messageId: 'dpf-outside-us', line: 8, column: 18, severity: 'error', messageIncludes: 'dpf (EU-US Data Privacy Framework)' },
    ],
  },
  {
    name: 'scc, else dpf, for India: the finding points at dpf, second',
    after: list('IN', 'scc', 'dpf'),
    expected: [{ messageId: 'dpf-outside-us', line: 8, column: 23 }],
  },
  {
    name: 'privacy-shield, else scc: still an error for privacy-shield',
    after: list('US', 'privacy-shield', 'scc'),
    expected: [
      { messageId: 'invalidated', line: 8, column: 18, severity: 'error', messageIncludes: 'privacy-shield (EU-US Privacy Shield)' },
    ],
  },
  {
    name: 'adequacy, else scc, for Canada: the partial decision is moot, scc covers it',
    after: list('CA', 'adequacy', 'scc'),
    expected: [],
  },
  {
    name: 'adequacy, else a derogation, for Canada: nothing certain covers it, both doubts stand',
    after: list('CA', 'adequacy', 'derogation'),
    expected: [
      { messageId: 'adequacy-partial', line: 8, column: 18 },
      { messageId: 'derogation', line: 8, column: 28 },
    ],
  },
  {
    name: 'adequacy, else dpf, for the US: the framework is listed',
    after: list('US', 'adequacy', 'dpf'),
    expected: [],
  },
  {
    name: 'adequacy, else scc, for India: adequacy cannot be valid there',
    after: list('IN', 'adequacy', 'scc'),
    expected: [{ messageId: 'no-adequacy', line: 8, column: 18 }],
  },
  {
    name: 'a list inside the EEA: one finding for the list, not one per item',
    after: list('DE', 'scc', 'bcr'),
    expected: [{ messageId: 'unnecessary', line: 8, column: 17, severity: 'info', messageIncludes: '(scc, else bcr given)' }],
  },
  {
    name: 'a list of one, as the single field',
    after: list('IN', 'dpf'),
    expected: [{ messageId: 'dpf-outside-us', line: 8, column: 18 }],
  },
  { name: 'bcr for the US', after: one('US', 'bcr'), expected: [] },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('names in the hint of not-yet-in-force only safeguards in force that day, not the Addendum nor the IDTA', async () => {
    const report = await runCheck({
      head: memorySource({
        'registry.yaml': settingsYaml({ jurisdictions: ['uk-gdpr'] }),
        'subprocessors/acme.yaml': one('IN', 'uk-idta').acme,
      }),
      today: '2022-03-20',
      setup: shippedSetup(),
    });
    expect(report.diagnostics.find((d) => d.messageId === 'not-yet-in-force')?.hint).toBe(
      'Judge a day from 2022-03-21 on, or give the mechanism that was in place then: bcr or code-of-conduct.',
    );
  });
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
