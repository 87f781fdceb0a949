import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import policy from '../policies/invalid-transfer-mechanism.js';
import { lawOf, type Jurisdiction } from '../scripts/engine/jurisdiction.js';
import { dpvConcept, dpvConcepts, dpvIri } from '../scripts/engine/mechanism-concept.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { validatorFor } from '../scripts/registry/schemas.js';
import { expectCase } from './policies/harness.js';
import { ROOT } from './helpers/run-cli.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

/**
 * The transfer facts as a privacy reviewer checks them (issue 11, "facts, dated and sourced per entry"): every
 * decision, renewal, court case and invalidation names its own source and the day it was read; what could not be
 * confirmed says so; the facts the issue corrected stay corrected; each mechanism names its W3C DPV legal basis.
 */

const DIR = join(ROOT, 'policies/data/transfers');
const laws = readdirSync(DIR).map((name) => ({ name, data: JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Jurisdiction }));
const read = (id: string): Jurisdiction => JSON.parse(readFileSync(join(DIR, `${id}.json`), 'utf8')) as Jurisdiction;
const gdpr = lawOf(read('eu-gdpr'));

interface Dated {
  readonly where: string;
  readonly source: string;
  readonly checkedOn?: string;
  readonly verified?: boolean;
  readonly note?: string;
}

/** Every sourced fact of a law, with where it sits, so that one rule can be checked over all of them. */
function sourcedFacts(data: Jurisdiction): Dated[] {
  const out: Dated[] = [{ where: 'zone', ...data.zone }];
  out.push({ where: 'mechanismsSource', source: data.mechanismsSource, checkedOn: data.reviewedOn });
  for (const d of data.adequacy) {
    out.push({ where: `adequacy ${d.code}`, ...d });
    for (const [i, r] of (d.renewals ?? []).entries()) out.push({ where: `adequacy ${d.code} renewal ${String(i + 1)}`, ...r });
    for (const c of d.challenges ?? []) out.push({ where: `adequacy ${d.code} case ${c.case}`, ...c });
  }
  for (const i of data.invalidated) out.push({ where: `invalidated ${i.mechanism}`, ...i });
  for (const f of data.frameworks)
    if (f.source !== undefined) out.push({ where: `framework ${f.mechanism}`, source: f.source, checkedOn: data.reviewedOn });
  return out;
}

describe.each(laws)('the transfer facts of $name', ({ data }) => {
  const facts = sourcedFacts(data);

  it('name an https source for every fact', () => {
    expect(facts.filter((f) => !/^https:\/\/[^\s/]+\.[^\s]+$/.test(f.source)).map((f) => `${f.where}: ${f.source}`)).toEqual([]);
  });

  it('were checked no later than the review, and the review is the last check', () => {
    const late = facts
      .filter((f) => f.checkedOn !== undefined && f.checkedOn > data.reviewedOn)
      .map((f) => `${f.where}: ${String(f.checkedOn)}`);
    expect(late).toEqual([]);
  });

  it('say in a note what an unverified fact is', () => {
    expect(facts.filter((f) => f.verified === false && !(f.note ?? '').trim()).map((f) => f.where)).toEqual([]);
  });

  it('cite each decision by the number its source carries, when the source is its ELI', () => {
    // https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj is (EU) 2023/1795: a copied address would show here.
    const mismatched = data.adequacy.filter((d) => {
      const eli = /\/eli\/dec_impl\/(\d{4})\/(\d+)\/oj$/.exec(d.source);
      return eli !== null && !d.decision.includes(`${eli[1] ?? ''}/${eli[2] ?? ''}`);
    });
    expect(mismatched.map((d) => `${d.code}: ${d.decision} vs ${d.source}`)).toEqual([]);
  });

  it('give every accepted mechanism its W3C DPV legal-basis concept, or none at all for a law DPV has no extension for', () => {
    const without = data.mechanisms.filter((m) => dpvConcepts(lawOf(data), m.id).length === 0).map((m) => m.id);
    // DPV's legal extension for the GDPR names EU GDPR articles: borrowing them for the UK GDPR or the FADP would name the wrong law.
    if (data.id === 'eu-gdpr') expect(without).toEqual([]);
    else expect(without).toEqual(data.mechanisms.map((m) => m.id));
  });
});

describe('the EU GDPR facts issue 11 corrected', () => {
  it('Brazil: Implementing Decision (EU) 2026/179, adopted 2026-01-26, in force, its EEA-EFTA extension noted as pending', () => {
    const br = gdpr.adequacy('BR');
    expect(br).toMatchObject({
      decision: '(EU) 2026/179',
      adopted: '2026-01-26',
      publishedOn: '2026-01-28',
      status: 'in-force',
      scope: 'full',
    });
    expect(br?.announced).toBeUndefined();
    expect(gdpr.adequacyInForce('BR', '2026-11-30')).toBe(br);
    expect(br?.note).toMatch(/Iceland, Liechtenstein, Norway\) was pending/);
  });

  it('Korea and Israel: partial, with their scopes', () => {
    expect(gdpr.adequacy('KR')).toMatchObject({ scope: 'partial', decision: '(EU) 2022/254' });
    expect(gdpr.adequacy('KR')?.scopeNote).toMatch(
      /personal credit information.*Financial Services Commission.*religious organisations and political parties/,
    );
    expect(gdpr.adequacy('IL')).toMatchObject({ scope: 'partial', decision: '2011/61/EU' });
    expect(gdpr.adequacy('IL')?.scopeNote).toMatch(/automated international transfers.*processed automatically in Israel/);
  });

  it('the United Kingdom: the 2021 decision, renewed on 2025-12-19 to 2031-12-27, the renewal number marked unverified', () => {
    const gb = gdpr.adequacy('GB');
    expect(gb).toMatchObject({ decision: '(EU) 2021/1772', adopted: '2021-06-28', endsOn: '2031-12-27' });
    const renewal = gb?.renewals?.find((r) => r.adopted === '2025-12-19');
    expect(renewal).toMatchObject({ endsOn: '2031-12-27' });
    // No number was confirmed: none is written, and the entry says so rather than guess one.
    if (renewal?.decision === undefined) expect(renewal?.verified).toBe(false);
    expect(gb?.renewals?.at(-1)?.endsOn).toBe(gb?.endsOn);
  });

  it('the United States: DPF-certified organisations only, upheld in T-553/23, the appeal C-703/25 P recorded as pending', () => {
    const us = gdpr.adequacy('US');
    expect(us).toMatchObject({ decision: '(EU) 2023/1795', onlyThrough: 'dpf', scope: 'partial' });
    expect(us?.challenges).toEqual([
      expect.objectContaining({ case: 'T-553/23', court: 'General Court', status: 'dismissed', decided: '2025-09-03' }),
      expect.objectContaining({
        case: 'C-703/25 P',
        court: 'Court of Justice',
        lodged: '2025-10-31',
        status: 'pending',
        appealOf: 'T-553/23',
      }),
    ]);
  });

  it('the invalidated mechanisms: the judgments and the decisions they struck down', () => {
    expect(gdpr.invalidation('privacy-shield')).toMatchObject({
      invalidatedOn: '2020-07-16',
      decision: '(EU) 2016/1250',
      judgment: expect.stringContaining('C-311/18') as unknown,
    });
    expect(gdpr.invalidation('safe-harbor')).toMatchObject({
      invalidatedOn: '2015-10-06',
      decision: '2000/520/EC',
      judgment: expect.stringContaining('C-362/14') as unknown,
    });
  });

  it('are reviewed as of 2026-11-30', () => {
    expect(gdpr.data.reviewedOn).toBe('2026-11-30');
  });
});

describe('the corrected facts in the check', () => {
  const one = (place: string, mechanism: string) => ({ acme: vendorYaml('acme', { locations: [{ place, mechanism }] }) });
  const today = '2026-11-30';

  it('adequacy for Brazil is clean', () => expectCase(policy, { name: 'BR', after: one('BR', 'adequacy'), today, expected: [] }));
  it('adequacy for Korea asks to confirm the scope', () =>
    expectCase(policy, {
      name: 'KR',
      after: one('KR', 'adequacy'),
      today,
      expected: [{ messageId: 'adequacy-partial', line: 8, severity: 'warning' }],
    }));
  it('adequacy for Israel asks to confirm the scope', () =>
    expectCase(policy, {
      name: 'IL',
      after: one('IL', 'adequacy'),
      today,
      expected: [{ messageId: 'adequacy-partial', line: 8, severity: 'warning' }],
    }));

  it('a decision recorded as announced still warns adequacy-announced (Brazil as the data had it before its adoption)', async () => {
    const data = read('eu-gdpr');
    const announced: Jurisdiction = {
      ...data,
      adequacy: data.adequacy.map((d) => {
        if (d.code !== 'BR') return d;
        const rest = { ...d };
        delete rest.adopted;
        delete rest.publishedOn;
        return { ...rest, decision: 'mutual adequacy', announced: '2026-01', status: 'announced' as const };
      }),
    };
    const setup = shippedSetup();
    const report = await runCheck({
      head: memorySource({ 'registry.yaml': settingsYaml(), 'subprocessors/acme.yaml': one('BR', 'adequacy').acme }),
      today,
      setup: { ...setup, policies: [policy], laws: [lawOf(announced)] },
    });
    expect(report.diagnostics.map((d) => `${d.policy}/${d.messageId}`)).toEqual(['invalid-transfer-mechanism/adequacy-announced']);
  });
});

describe('W3C DPV concepts of the mechanisms', () => {
  it.each([
    ['adequacy', 'eu-gdpr:A45-3'],
    ['dpf', 'eu-gdpr:A45-3'],
    ['scc', 'eu-gdpr:A46-2-c'],
    ['bcr', 'eu-gdpr:A46-2-b'],
    ['code-of-conduct', 'eu-gdpr:A46-2-e'],
    ['certification', 'eu-gdpr:A46-2-f'],
    ['ad-hoc-clauses', 'eu-gdpr:A46-3-a'],
  ])('%s rests on %s', (mechanism, concept) => {
    expect(dpvConcept(gdpr, mechanism)).toBe(concept);
    expect(dpvConcepts(gdpr, mechanism)).toEqual([concept]);
  });

  it('a derogation is one of Art. 49(1)(a) to (g): no single concept, all seven listed in order', () => {
    expect(dpvConcept(gdpr, 'derogation')).toBeUndefined();
    expect(dpvConcepts(gdpr, 'derogation')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((p) => `eu-gdpr:A49-1-${p}`));
  });

  it('none and the invalidated mechanisms rest on no basis', () => {
    for (const mechanism of ['none', 'privacy-shield', 'safe-harbor', 'unknown']) {
      expect(dpvConcept(gdpr, mechanism)).toBeUndefined();
    }
  });

  it("every mechanism a registry may name, but none and the invalidated ones, is some law's, and the EU GDPR's have a concept", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/subprocessor.schema.json'), 'utf8')) as unknown;
    const ids = new Set<string>();
    const walk = (node: unknown, key?: string): void => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n);
      } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
      if (key === 'mechanism' && node && typeof node === 'object' && 'enum' in node)
        for (const id of (node as { enum: string[] }).enum) ids.add(id);
    };
    walk(schema);
    expect(ids.size).toBeGreaterThan(0);
    const needed = [...ids].filter((id) => id !== 'none' && !gdpr.invalidation(id));
    // The ids another law accepts (uk-addendum, dpf-ch) are not EU GDPR mechanisms; each id is some shipped law's.
    const all = laws.map(({ data }) => lawOf(data));
    expect(needed.filter((id) => !all.some((law) => law.basis(id)))).toEqual([]);
    expect(needed.filter((id) => gdpr.basis(id) && dpvConcepts(gdpr, id).length === 0)).toEqual([]);
  });

  it('expands a concept to its IRI', () => {
    expect(dpvIri('eu-gdpr:A46-2-c')).toBe('https://w3id.org/dpv/legal/eu/gdpr#A46-2-c');
    expect(dpvIri('xx:A1')).toBeUndefined();
    expect(dpvIri('A46-2-c')).toBeUndefined();
  });

  it('the schema refuses a concept the DPV extension does not define', () => {
    const data = read('eu-gdpr');
    const bad = { ...data, mechanisms: data.mechanisms.map((m) => (m.id === 'scc' ? { ...m, dpv: 'eu-gdpr:A46-2-z' } : m)) };
    expect(validatorFor('jurisdiction')(bad)).toBe(false);
  });
});
