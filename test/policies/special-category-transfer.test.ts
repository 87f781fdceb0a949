import { describe, it } from 'vitest';
import policy from '../../policies/special-category-transfer.js';
import { settingsYaml, vendorYaml, type LocationSpec, type VendorSpec } from '../helpers/vendor-yaml.js';
import { expectAllMessagesCovered, expectCase, type Case } from './harness.js';

const TIA = { transferImpactAssessment: 'https://example.com/tia' };

// acme.yaml: dataCategories on line 6, locations: line 7, the first place on line 8 and its mechanism on line 9.
const acme = (categories: readonly string[], location: LocationSpec, spec: VendorSpec = {}) => ({
  acme: vendorYaml('acme', { dataCategories: categories, locations: [location], ...spec }),
});

const cases: Case[] = [
  {
    name: 'health in the US with scc and no transfer impact assessment',
    after: acme(['health'], { place: 'US', mechanism: 'scc' }),
    expected: [{ messageId: 'missing-tia', line: 8, severity: 'warning', messageIncludes: 'health data, EU GDPR Art. 9' }],
  },
  {
    name: 'health in the US with scc and an assessment',
    after: acme(['health'], { place: 'US', mechanism: 'scc' }, { links: TIA }),
    expected: [],
  },
  {
    name: 'health in the US on a derogation, with an assessment',
    after: acme(['health'], { place: 'US', mechanism: 'derogation' }, { links: TIA }),
    expected: [{ messageId: 'derogation', line: 9, messageIncludes: 'Art. 9' }],
  },
  {
    name: 'a derogation after scc is only the fallback',
    after: acme(['health'], { place: 'US', mechanisms: ['scc', 'derogation'] }, { links: TIA }),
    expected: [],
  },
  { name: 'health inside the EEA', after: acme(['health'], { place: 'DE', mechanism: 'none' }), expected: [] },
  // The UK and Switzerland deem Ireland adequate: the "none" said from the EEA serves their laws too (coverage.ts).
  {
    name: 'health in Ireland with none under all three laws',
    settings: settingsYaml({ jurisdictions: ['eu-gdpr', 'uk-gdpr', 'ch-fadp'] }),
    after: acme(['health'], { place: 'IE', mechanism: 'none' }),
    expected: [],
  },
  {
    name: 'health in India with none under all three laws',
    settings: settingsYaml({ jurisdictions: ['eu-gdpr', 'uk-gdpr', 'ch-fadp'] }),
    after: acme(['health'], { place: 'IN', mechanism: 'none' }),
    expected: [
      { messageId: 'no-transfer-declared', line: 9, messageIncludes: 'EU GDPR' },
      { messageId: 'no-transfer-declared', line: 9, messageIncludes: 'UK GDPR' },
      { messageId: 'no-transfer-declared', line: 9, messageIncludes: 'FADP' },
      { messageId: 'missing-tia', line: 8, messageIncludes: 'EU GDPR' },
      { messageId: 'missing-tia', line: 8, messageIncludes: 'UK GDPR' },
      { messageId: 'missing-tia', line: 8, messageIncludes: 'FADP' },
    ],
  },
  // EDPB Recommendations 01/2020: the assessment is for Art. 46 tools; an adequacy decision in force asks for none.
  { name: 'health in the US under the DPF needs no assessment', after: acme(['health'], { place: 'US', mechanism: 'dpf' }), expected: [] },
  {
    name: 'health in the UK under adequacy needs no assessment',
    after: acme(['health'], { place: 'GB', mechanism: 'adequacy' }),
    expected: [],
  },
  {
    name: 'adequacy where no decision covers the place is no Art. 45 basis: the assessment is still asked for',
    after: acme(['health'], { place: 'IN', mechanisms: ['adequacy', 'scc'] }),
    expected: [{ messageId: 'missing-tia', line: 8 }],
  },
  { name: 'the EEA region', after: acme(['genetic'], { place: 'EEA' }), expected: [] },
  {
    name: '"none" outside the zone says plainly that the data goes there with no mechanism',
    after: acme(['health'], { place: 'US', mechanism: 'none' }, { links: TIA }),
    expected: [{ messageId: 'no-transfer-declared', line: 9, messageIncludes: 'goes there with no transfer mechanism' }],
  },
  {
    name: 'no mechanism at all, and no assessment: each missing piece',
    after: acme(['biometric'], { place: 'IN' }),
    expected: [
      { messageId: 'missing-mechanism', line: 8, messageIncludes: 'biometric data, EU GDPR Art. 9' },
      { messageId: 'missing-tia', line: 8 },
    ],
  },
  {
    name: 'an invalidated mechanism is no safeguard',
    after: acme(['health'], { place: 'US', mechanism: 'privacy-shield' }, { links: TIA }),
    expected: [{ messageId: 'missing-mechanism', line: 9, messageIncludes: 'only privacy-shield' }],
  },
  {
    name: 'criminal offence data names Art. 10',
    after: acme(['criminal-convictions', 'contact'], { place: 'US', mechanism: 'scc' }),
    expected: [{ messageId: 'missing-tia', line: 8, messageIncludes: 'criminal convictions and offences, EU GDPR Art. 10' }],
  },
  {
    // A character sort put "Art. 10" before "Art. 9".
    name: 'criminal offence and health data cite Art. 9 and Art. 10 in that order',
    after: acme(['criminal-convictions', 'health'], { place: 'US', mechanism: 'scc' }),
    expected: [{ messageId: 'missing-tia', line: 8, messageIncludes: 'EU GDPR Art. 9 and Art. 10)' }],
  },
  { name: 'ordinary categories abroad are not this policy’s', after: acme(['contact', 'financial'], { place: 'US' }), expected: [] },
  {
    name: 'a vendor without categories is not judged',
    after: { acme: vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc' }] }) },
    expected: [],
  },
  {
    name: "a location's own categories replace the vendor's",
    after: acme(['health'], { place: 'US', mechanism: 'scc', dataCategories: ['contact'] }),
    expected: [],
  },
  {
    name: "a location's own special category, the vendor's being ordinary",
    after: acme(['contact'], { place: 'US', mechanism: 'scc', dataCategories: ['health'] }),
    expected: [{ messageId: 'missing-tia', line: 8 }],
  },
  {
    name: 'US users only, controller in France: every user’s data counts (Art. 3(1)), as for HeartBeat Health',
    after: acme(['health'], { place: 'US', mechanism: 'none' }, { users: ['US'] }),
    // users on line 7 moves the place to line 9 and its mechanism to line 10.
    expected: [
      { messageId: 'no-transfer-declared', line: 10 },
      { messageId: 'missing-tia', line: 9 },
    ],
  },
  {
    name: 'US users only, controller in the US: not GDPR data (Art. 3(2))',
    settings: settingsYaml({ country: 'US' }),
    after: acme(['health'], { place: 'US', mechanism: 'none' }, { users: ['US'] }),
    expected: [],
  },
  {
    name: 'a retired vendor no longer processes',
    after: acme(['health'], { place: 'US' }, { retired: { on: '2025-01-01', reason: 'Contract ended' } }),
    expected: [],
  },
];

describe(policy.id, () => {
  it.each(cases)('$name', (c) => expectCase(policy, c));
  it('covers every message', () => {
    expectAllMessagesCovered(policy, cases);
  });
});
