import { describe, expect, it } from 'vitest';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';
import { TODAY } from './harness.js';

/**
 * The same place and mechanisms judged under the EU GDPR, the UK GDPR and the Swiss FADP at once (issue 15): each
 * transfer policy reports per law and names it. A cell is the message ids the law draws, sorted; [] is "covered".
 */

const ALL = ['eu-gdpr', 'uk-gdpr', 'ch-fadp'] as const;
type LawId = (typeof ALL)[number];

interface Row {
  readonly name: string;
  readonly place: string;
  readonly mechanisms: readonly string[];
  readonly expected: Readonly<Record<LawId, readonly string[]>>;
}

const TRANSFER_POLICIES = new Set(['invalid-transfer-mechanism', 'missing-transfer-mechanism']);

async function judged(place: string, mechanisms: readonly string[], jurisdictions: readonly string[] = ALL) {
  // No mechanism at all: the place alone, as a location whose basis is not known yet is written.
  const location =
    mechanisms.length === 0
      ? { place }
      : mechanisms.length === 1
        ? { place, mechanism: mechanisms[0] ?? '' }
        : { place, mechanisms: [...mechanisms] };
  const report = await runCheck({
    head: memorySource({
      'registry.yaml': settingsYaml({ jurisdictions }),
      'subprocessors/acme.yaml': vendorYaml('acme', { locations: [location] }),
    }),
    today: TODAY,
    setup: shippedSetup(),
  });
  const loader = report.diagnostics.filter((d) => d.policy === 'schema' || d.policy === 'registry');
  expect(loader.map((d) => d.message)).toEqual([]);
  return report.diagnostics.filter((d) => TRANSFER_POLICIES.has(d.policy));
}

const NAMES: Record<LawId, string> = { 'eu-gdpr': 'EU GDPR', 'uk-gdpr': 'UK GDPR', 'ch-fadp': 'Swiss FADP' };

const rows: Row[] = [
  {
    name: 'Brazil with adequacy: the EU decision (EU) 2026/179 is in force; the UK and Switzerland have none',
    place: 'BR',
    mechanisms: ['adequacy'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': ['no-adequacy'], 'ch-fadp': ['no-adequacy'] },
  },
  {
    name: 'a US vendor in the EU-US DPF only: neither the UK Extension nor the Swiss-US DPF',
    place: 'US',
    mechanisms: ['dpf'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': ['not-accepted'], 'ch-fadp': ['not-accepted'] },
  },
  {
    name: 'a US vendor in all three frameworks',
    place: 'US',
    mechanisms: ['dpf', 'dpf-uk', 'dpf-ch'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'a US vendor with the EU SCCs alone: the UK needs its Addendum or the IDTA; the FDPIC recognised the SCCs',
    place: 'US',
    mechanisms: ['scc'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': ['not-accepted'], 'ch-fadp': [] },
  },
  {
    name: 'a US vendor with the SCCs and the UK Addendum, written once for all three laws',
    place: 'US',
    mechanisms: ['scc', 'uk-addendum'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'the UK IDTA alone covers the UK only',
    place: 'IN',
    mechanisms: ['uk-idta'],
    expected: { 'eu-gdpr': ['not-accepted'], 'uk-gdpr': [], 'ch-fadp': ['not-accepted'] },
  },
  {
    name: 'Korea with adequacy: the EU decision and the UK regulations (SI 2022/1213); not on the Swiss list',
    place: 'KR',
    mechanisms: ['adequacy'],
    // Both decisions are partial (PIPA's scope): a doubt to confirm, not a gap.
    expected: { 'eu-gdpr': ['adequacy-partial'], 'uk-gdpr': ['adequacy-partial'], 'ch-fadp': ['no-adequacy'] },
  },
  {
    name: 'a Swiss vendor with none: inside the zone for the FADP, adequate for the EU and the UK',
    place: 'CH',
    mechanisms: ['none'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'a Swiss vendor with adequacy: unnecessary inside the FADP zone, right for the EU and the UK',
    place: 'CH',
    mechanisms: ['adequacy'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': ['unnecessary'] },
  },
  {
    name: 'an Irish vendor with none: inside the EEA, adequate for the UK and Switzerland',
    place: 'IE',
    mechanisms: ['none'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'a UK vendor with none: inside the UK zone, adequate for the EU and Switzerland',
    place: 'GB',
    mechanisms: ['none'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'a certification for India: Art. 46(2)(f) for the EU and the UK, Art. 16(3) FADP with DPO Art. 12 for Switzerland',
    place: 'IN',
    mechanisms: ['certification'],
    expected: { 'eu-gdpr': [], 'uk-gdpr': [], 'ch-fadp': [] },
  },
  {
    name: 'India with no mechanism: missing under every law',
    place: 'IN',
    mechanisms: [],
    expected: {
      'eu-gdpr': ['missing'],
      'uk-gdpr': ['missing'],
      'ch-fadp': ['missing'],
    },
  },
];

describe('transfers judged under each declared law', () => {
  it.each(rows)('$name', async ({ place, mechanisms, expected }) => {
    const found = await judged(place, mechanisms);
    const byLaw = Object.fromEntries(
      ALL.map((id) => [
        id,
        found
          .filter((d) => d.data.law === NAMES[id])
          .map((d) => d.messageId)
          .sort(),
      ]),
    );
    expect(byLaw).toEqual(expected);
    // Every finding names its law in its message, so a reader can tell the three apart.
    for (const d of found) expect(d.message).toContain(String(d.data.law));
  });

  it('suggests what each law accepts: the UK Addendum or IDTA, the Swiss-US DPF', async () => {
    const found = await judged('US', ['scc']);
    const uk = found.find((d) => d.data.law === 'UK GDPR');
    expect(uk?.hint).toContain('dpf-uk (UK Extension to the EU-US Data Privacy Framework) if the vendor takes part in it');
    expect(uk?.hint).toContain('uk-addendum, uk-idta');
    const missing = await judged('IN', [], ['uk-gdpr']);
    expect(missing[0]?.hint).toContain(
      'uk-addendum (UK Addendum to the EU Standard Contractual Clauses), uk-idta, or another Art. 46 safeguard',
    );
  });

  it('names each law’s derogation article and safeguards: Art. 49 and scc under the EU GDPR, Art. 17 under the FADP', async () => {
    const found = await judged('IN', ['derogation']);
    const words = (id: LawId) => {
      const d = found.find((f) => f.data.law === NAMES[id] && f.messageId === 'derogation');
      return `${d?.message ?? ''} ${d?.hint ?? ''}`;
    };
    expect(words('eu-gdpr')).toContain('an Art. 49 derogation');
    expect(words('eu-gdpr')).toContain('Put scc or bcr in place');
    expect(words('uk-gdpr')).toContain('Put scc with uk-addendum or uk-idta in place');
    expect(words('ch-fadp')).toContain('an Art. 17 derogation');
    expect(words('ch-fadp')).not.toContain('Art. 49');
    const nowhere = await judged('BR', ['adequacy']);
    expect(nowhere.find((d) => d.data.law === NAMES['uk-gdpr'])?.hint).toMatch(/^Use scc with uk-addendum or uk-idta for BR \(Brazil\)\.$/);
  });

  it('words the special-category derogation by the law: Art. 16 safeguard and Art. 17 derogation under the FADP', async () => {
    const report = await runCheck({
      head: memorySource({
        'registry.yaml': settingsYaml({ jurisdictions: ALL }),
        'subprocessors/acme.yaml': vendorYaml('acme', {
          dataCategories: ['health'],
          links: { transferImpactAssessment: 'https://example.com/tia' },
          locations: [{ place: 'IN', mechanism: 'derogation' }],
        }),
      }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const byLaw = (name: string) => report.diagnostics.find((d) => d.policy === 'special-category-transfer' && d.data.law === name);
    expect(byLaw('EU GDPR')?.message).toContain('relies on an Art. 49 derogation (derogation)');
    expect(byLaw('EU GDPR')?.hint).toBe(
      'Record the Art. 46 safeguard the data processing agreement uses (usually scc) before the derogation.',
    );
    expect(byLaw('UK GDPR')?.hint).toContain('Art. 46 safeguard the data processing agreement uses (usually scc with uk-addendum)');
    expect(byLaw('Swiss FADP')?.message).toContain('relies on an Art. 17 derogation');
    expect(byLaw('Swiss FADP')?.hint).toContain('Record the Art. 16 safeguard');
  });

  it('judges only the declared laws: without jurisdictions, the EU GDPR alone', async () => {
    const found = await judged('US', ['dpf'], ['eu-gdpr']);
    expect(found).toEqual([]);
    const ukOnly = await judged('BR', ['adequacy'], ['uk-gdpr']);
    expect(ukOnly.map((d) => [d.data.law, d.messageId])).toEqual([['UK GDPR', 'no-adequacy']]);
  });

  it('a waiver that names a law covers the findings under that law only', async () => {
    const settings = [
      settingsYaml({ jurisdictions: ALL }),
      'waivers:',
      '  - policy: invalid-transfer-mechanism',
      '    subprocessor: acme',
      '    law: uk-gdpr',
      '    reason: The UK Extension certification is being confirmed with the vendor.',
      `    expires: ${TODAY}`,
      '',
    ].join('\n');
    const report = await runCheck({
      head: memorySource({
        'registry.yaml': settings,
        'subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'dpf' }] }),
      }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const standing = report.diagnostics.filter((d) => d.policy === 'invalid-transfer-mechanism');
    expect(standing.map((d) => d.law)).toEqual(['ch-fadp']);
    expect(report.waived.map((d) => d.law)).toEqual(['uk-gdpr']);
  });

  it('every per-law finding carries the id of the law it is judged under, beside the name its message shows', async () => {
    const found = await judged('US', ['scc'], ALL);
    expect(found.map((d) => d.law)).toEqual(['uk-gdpr']);
    for (const d of found) expect(d.data.law).toBe(NAMES[d.law as LawId]);
  });

  describe("severities per law: a law's own setting beats the registry-wide one for its findings only", () => {
    // A US vendor in the EU-US DPF alone: covered under the EU GDPR, not-accepted under the UK GDPR and the FADP.
    const UK = (level: string) => `{ id: uk-gdpr, policies: { invalid-transfer-mechanism: ${level} } }`;
    const table: { name: string; jurisdictions: string[]; policies?: string; expected: string[] }[] = [
      { name: 'no setting: both errors', jurisdictions: [...ALL], expected: ['ch-fadp error', 'uk-gdpr error'] },
      {
        name: 'the UK lowered to a warning while its Addendum is signed; the Swiss finding stays an error',
        jurisdictions: ['eu-gdpr', UK('warning'), 'ch-fadp'],
        expected: ['ch-fadp error', 'uk-gdpr warning'],
      },
      {
        name: 'registry-wide warning, the UK raised back to error',
        jurisdictions: ['eu-gdpr', UK('error'), 'ch-fadp'],
        policies: 'warning',
        expected: ['ch-fadp warning', 'uk-gdpr error'],
      },
      { name: 'off for the UK drops its findings only', jurisdictions: ['eu-gdpr', UK('off'), 'ch-fadp'], expected: ['ch-fadp error'] },
      {
        name: 'off registry-wide yet on for the UK: the UK findings alone',
        jurisdictions: ['eu-gdpr', UK('info'), 'ch-fadp'],
        policies: 'off',
        expected: ['uk-gdpr info'],
      },
    ];
    it.each(table)('$name', async ({ jurisdictions, policies, expected }) => {
      const settings = settingsYaml({ jurisdictions }) + (policies ? `policies:\n  invalid-transfer-mechanism: ${policies}\n` : '');
      const report = await runCheck({
        head: memorySource({
          'registry.yaml': settings,
          'subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'dpf' }] }),
        }),
        today: TODAY,
        setup: shippedSetup(),
      });
      expect(report.diagnostics.filter((d) => d.policy === 'schema' || d.policy === 'policy-config').map((d) => d.message)).toEqual([]);
      const found = report.diagnostics.filter((d) => d.policy === 'invalid-transfer-mechanism').map((d) => `${d.law ?? '?'} ${d.severity}`);
      expect(found.sort()).toEqual(expected);
    });

    it("in a review the base's per-law severities apply, and the change to them is shown to reviewers", async () => {
      const vendor = vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'dpf' }] });
      const report = await runCheck({
        head: memorySource({ 'registry.yaml': settingsYaml({ jurisdictions: [UK('off')] }), 'subprocessors/acme.yaml': vendor }),
        base: {
          source: memorySource({ 'registry.yaml': settingsYaml({ jurisdictions: ['uk-gdpr'] }), 'subprocessors/acme.yaml': vendor }),
          label: 'base',
        },
        today: TODAY,
        setup: shippedSetup(),
      });
      expect(report.diagnostics.filter((d) => d.policy === 'invalid-transfer-mechanism').map((d) => d.law)).toEqual(['uk-gdpr']);
      const changed = report.diagnostics.find((d) => d.messageId === 'settings-changed');
      expect(changed?.message).toContain('jurisdictions.uk-gdpr.policies.invalid-transfer-mechanism to off (was the default)');
      expect(changed?.line).toBe(5);
    });
  });

  it.each([
    ['uk-gpdr', '5:26', 'jurisdictions[1] must be one of eu-gdpr, uk-gdpr, ch-fadp, found "uk-gpdr"; did you mean "uk-gdpr"?'],
    ['{ id: uk-gpdr }', '5:32', 'jurisdictions[1].id must be one of eu-gdpr, uk-gdpr, ch-fadp, found "uk-gpdr"; did you mean "uk-gdpr"?'],
    [
      '{ id: uk-gdpr, policies: { x: loud } }',
      '5:56',
      'jurisdictions[1].policies.x must be one of error, warning, info, off, found "loud"',
    ],
  ])('a bad jurisdictions item %s gets the error of the form it was meant as, located', async (item, where, message) => {
    const report = await runCheck({
      head: memorySource({ 'registry.yaml': settingsYaml({ jurisdictions: ['eu-gdpr', item] }) }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const schema = report.diagnostics.filter((d) => d.policy === 'schema');
    expect(schema.map((d) => [`${d.line}:${d.column}`, d.message])).toEqual([[where, message]]);
  });

  it("cites each law's own provisions from its data: sensitive personal data, Art. 5(c), under the FADP", async () => {
    const report = await runCheck({
      head: memorySource({
        'registry.yaml': settingsYaml({ jurisdictions: ALL }),
        'subprocessors/acme.yaml': vendorYaml('acme', { dataCategories: ['health'], locations: [{ place: 'IN', mechanism: 'scc' }] }),
      }),
      today: TODAY,
      setup: shippedSetup(),
    });
    const derogations = report.diagnostics.filter((d) => d.policy === 'special-category-transfer' && d.messageId === 'missing-tia');
    const byLaw = Object.fromEntries(derogations.map((d) => [d.law ?? '?', d.message]));
    expect(byLaw['eu-gdpr']).toContain('special-category data (health data, EU GDPR Art. 9)');
    expect(byLaw['uk-gdpr']).toContain('special-category data (health data, UK GDPR Art. 9)');
    expect(byLaw['ch-fadp']).toContain('sensitive personal data (health data, Swiss FADP Art. 5(c))');
  });

  it("in a review the base's laws apply: declaring the UK and Swiss laws takes effect after merge", async () => {
    const vendor = vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'dpf' }] });
    const report = await runCheck({
      head: memorySource({ 'registry.yaml': settingsYaml({ jurisdictions: ALL }), 'subprocessors/acme.yaml': vendor }),
      base: { source: memorySource({ 'registry.yaml': settingsYaml(), 'subprocessors/acme.yaml': vendor }), label: 'base' },
      today: TODAY,
      setup: shippedSetup(),
    });
    expect(report.diagnostics.filter((d) => TRANSFER_POLICIES.has(d.policy))).toEqual([]);
    expect(report.readings.map((r) => r.law)).toEqual(['eu-gdpr']);
    const changed = report.diagnostics.find((d) => d.messageId === 'settings-changed');
    expect(changed?.message).toContain('jurisdictions to [eu-gdpr, uk-gdpr, ch-fadp]');
  });
});
