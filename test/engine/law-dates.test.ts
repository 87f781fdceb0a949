import { describe, expect, it } from 'vitest';
import { addDays } from '../../scripts/diagnostics/dates.js';
import { lawDateSpan } from '../../scripts/engine/law-dates.js';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedLaws, shippedSetup } from '../../scripts/pipeline/shipped.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';

const LAW_IDS = ['eu-gdpr', 'uk-gdpr', 'ch-fadp'];
const PLACES = ['FR', 'GB', 'CH', 'US', 'BR', 'KR', 'JP', 'IN', 'CA', 'IL', 'EEA', 'WORLD', 'EUROPE'];
const MECHANISMS = ['none', 'adequacy', 'dpf', 'dpf-uk', 'dpf-ch', 'scc', 'uk-addendum', 'uk-idta', 'bcr', 'derogation', 'privacy-shield'];

/** Every date the shipped laws name, in order. */
function lawDates(): string[] {
  const dates = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) dates.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  shippedLaws().forEach((law) => {
    walk(law.data);
  });
  return [...dates].sort();
}

/** Each date the laws name with the day before and after it: every edge of every span. */
function edgeDays(): string[] {
  return [...new Set(lawDates().flatMap((d) => [addDays(d, -1), d, addDays(d, 1)]))].sort();
}

describe('lawDateSpan', () => {
  it('tells days apart only where a date of the laws lies between them', () => {
    const laws = shippedLaws();
    const dates = lawDates();
    const [first, second] = dates;
    if (first === undefined || second === undefined) throw new Error('the shipped laws name fewer than two dates');
    expect(lawDateSpan(laws, addDays(first, -30))).toBe(lawDateSpan(laws, addDays(first, -1)));
    expect(lawDateSpan(laws, addDays(first, -1))).not.toBe(lawDateSpan(laws, first));
    expect(lawDateSpan(laws, first)).not.toBe(lawDateSpan(laws, addDays(first, 1)));
    if (addDays(first, 2) < second) expect(lawDateSpan(laws, addDays(first, 1))).toBe(lawDateSpan(laws, addDays(first, 2)));
  });
});

describe('per-entry policies read the date only through the laws', () => {
  it('say the same of every entry on any two days of the same span, and differ across some spans', async () => {
    const files: Record<string, string> = { 'registry.yaml': settingsYaml({ jurisdictions: LAW_IDS }) };
    PLACES.forEach((place, p) => {
      MECHANISMS.forEach((mechanism, m) => {
        const id = `v${String(p)}-${String(m)}`;
        files[`subprocessors/${id}.yaml`] = vendorYaml(id, { locations: [{ place, mechanism }], dataCategories: ['health'] });
        const scoped = `${id}-uk`;
        files[`subprocessors/${scoped}.yaml`] = vendorYaml(scoped, {
          users: ['GB', 'US'],
          locations: [{ place, mechanism, users: ['GB'] }],
        });
      });
    });
    // Dates in entries too: a per-entry policy comparing them with today would say different things within a span.
    for (const [i, since] of ['2019-05-02', '2023-01-15', '2025-03-03', '2030-01-01'].entries()) {
      const id = `dated-${String(i)}`;
      files[`subprocessors/${id}.yaml`] = vendorYaml(id, { since, locations: [{ place: 'US', mechanism: 'dpf', since }] });
    }
    const source = memorySource(files);
    const headRegistry = await loadRegistry(source);
    const shipped = shippedSetup();
    const setup = { ...shipped, policies: shipped.policies.filter((p) => p.perEntry === true) };
    expect(setup.policies.length).toBeGreaterThanOrEqual(5);
    const bySpan = new Map<string, { day: string; said: string }>();
    const disagreements: string[] = [];
    const laws = shippedLaws().filter((l) => LAW_IDS.includes(l.id));
    for (const day of edgeDays()) {
      const report = await runCheck({ head: source, headRegistry, today: day, setup });
      const said = JSON.stringify(report.diagnostics);
      const span = lawDateSpan(laws, day);
      const seen = bySpan.get(span);
      if (seen === undefined) bySpan.set(span, { day, said });
      else if (seen.said !== said) disagreements.push(`${seen.day} and ${day} (span ${span})`);
    }
    expect(disagreements).toEqual([]);
    // The comparison could fail: the date does change what these policies say, across spans.
    expect(new Set([...bySpan.values()].map((v) => v.said)).size).toBeGreaterThan(1);
  });
});
