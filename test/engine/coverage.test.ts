import { describe, expect, it } from 'vitest';
import { coverageAt, coverageBy, isTransfer, possibleCover, type Coverage } from '../../scripts/engine/coverage.js';
import type { Law } from '../../scripts/engine/jurisdiction.js';
import { runCheck } from '../../scripts/pipeline/check.js';
import { shippedLaws, shippedSetup } from '../../scripts/pipeline/shipped.js';
import { memorySource } from '../../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml, type LocationSpec } from '../helpers/vendor-yaml.js';

const TODAY = '2026-11-30';
const LAW_IDS = ['eu-gdpr', 'uk-gdpr', 'ch-fadp'];
const law = (id: string): Law => {
  const found = shippedLaws().find((l) => l.id === id);
  if (!found) throw new Error(`no shipped law ${id}`);
  return found;
};
const laws = LAW_IDS.map(law);
const ask = (id: string, place: string, mechanisms: readonly string[], users?: readonly string[], everyUserCounts?: boolean): Coverage =>
  coverageAt(law(id), {
    place,
    mechanisms,
    laws,
    today: TODAY,
    ...(users ? { users } : {}),
    ...(everyUserCounts ? { everyUserCounts } : {}),
  });
/**
 * The table's controller is established in FR (settingsYaml): inside the EEA, so under the EU GDPR every user's data
 * counts (Art. 3(1)); outside the UK and Switzerland, so there only their users' data does.
 */
const EVERY_USER_COUNTS: Readonly<Record<string, boolean>> = { 'eu-gdpr': true, 'uk-gdpr': false, 'ch-fadp': false };

// EUROPE is left out: "none" there is vague-location's finding, not a transfer policy's (coverage says vague-place).
const PLACES = ['FR', 'IE', 'GB', 'CH', 'US', 'BR', 'KR', 'JP', 'IN', 'CA', 'EEA', 'WORLD'];
const MECHANISMS: readonly (readonly string[])[] = [
  [],
  ['none'],
  ['adequacy'],
  ['dpf'],
  ['dpf-uk'],
  ['dpf-ch'],
  ['scc'],
  ['uk-addendum'],
  ['uk-idta'],
  ['bcr'],
  ['derogation'],
  ['privacy-shield'],
  ['dpf', 'scc'],
  ['scc', 'uk-addendum'],
  ['adequacy', 'scc'],
  ['derogation', 'bcr'],
];
// FR users only: no data of the UK's or Switzerland's people, so no transfer under those laws whatever the mechanism.
const USERS: readonly (readonly string[] | undefined)[] = [undefined, ['US'], ['FR']];

interface Row {
  readonly id: string;
  readonly place: string;
  readonly mechanisms: readonly string[];
  readonly users?: readonly string[];
}

const rows: Row[] = PLACES.flatMap((place, p) =>
  MECHANISMS.flatMap((mechanisms, m) =>
    USERS.map((users, u) => ({ id: `v${p}-${m}-${u}`, place, mechanisms, ...(users ? { users } : {}) })),
  ),
);

const rowQuestion = (row: Row) => ({
  place: row.place,
  mechanisms: row.mechanisms,
  laws,
  today: TODAY,
  ...(row.users ? { users: row.users } : {}),
});

function location(row: Row): LocationSpec {
  const [only, ...more] = row.mechanisms;
  return {
    place: row.place,
    ...(row.users ? { users: row.users } : {}),
    ...(only === undefined ? {} : more.length === 0 ? { mechanism: only } : { mechanisms: row.mechanisms }),
  };
}

describe('coverageAt agrees with the transfer policies', () => {
  it('reports a location under a law exactly when nothing covers it outright, for every place, mechanism and law', async () => {
    const files = {
      'registry.yaml': settingsYaml({ jurisdictions: LAW_IDS }),
      ...Object.fromEntries(rows.map((row) => [`subprocessors/${row.id}.yaml`, vendorYaml(row.id, { locations: [location(row)] })])),
    };
    const report = await runCheck({ head: memorySource(files), today: TODAY, setup: shippedSetup() });
    const findings = new Set(
      report.diagnostics
        // user-scope-transfer reports the places a user scope would exempt were it not for the establishment.
        .filter((d) => ['missing-transfer-mechanism', 'invalid-transfer-mechanism', 'user-scope-transfer'].includes(d.policy))
        // "unnecessary" (info) says a mechanism is given inside the zone: covered all the same.
        .filter((d) => d.messageId !== 'unnecessary')
        .map((d) => `${d.file.replace(/^.*subprocessors\/|\.yaml$/g, '')} ${String(d.data.law)}`),
    );
    let compared = 0;
    const disagreements: string[] = [];
    for (const row of rows) {
      for (const id of LAW_IDS) {
        const coverage = ask(id, row.place, row.mechanisms, row.users, EVERY_USER_COUNTS[id]);
        const reported = findings.has(`${row.id} ${law(id).name}`);
        // A mechanism that cannot hold anywhere (invalidated) or only elsewhere is reported even beside one that covers.
        const contradicted = row.mechanisms.some((m) => {
          // Alone, but beside its list: the UK Addendum is judged with the SCCs it amends.
          const alone = coverageBy(law(id), { ...rowQuestion(row), everyUserCounts: EVERY_USER_COUNTS[id] === true }, m);
          return (
            alone.kind === 'none' && !['not-accepted', 'adequacy-announced', 'adequacy-only-through-framework'].includes(alone.note ?? '')
          );
        });
        const inZoneInvalid = coverage.kind === 'inside-zone' && row.mechanisms.some((m) => law(id).invalidation(m));
        const expected = coverage.kind === 'none' || coverage.note !== undefined || contradicted || inZoneInvalid;
        compared += 1;
        if (reported !== expected) {
          disagreements.push(
            `${row.place} [${row.mechanisms.join(', ')}] users=${String(row.users)} ${id}: coverage ${JSON.stringify(coverage)}, reported ${String(reported)}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBe(PLACES.length * MECHANISMS.length * USERS.length * LAW_IDS.length);
    // Sanity: the matrix has both answers, so the comparison could fail either way.
    expect(findings.size).toBeGreaterThan(100);
  });
});

describe('coverageAt', () => {
  it.each([
    ['eu-gdpr', 'US', ['dpf'], 'framework', 'dpf'],
    ['uk-gdpr', 'US', ['dpf'], 'none', 'dpf'],
    ['uk-gdpr', 'US', ['dpf-uk'], 'framework', 'dpf-uk'],
    ['ch-fadp', 'US', ['dpf', 'dpf-ch'], 'framework', 'dpf-ch'],
    ['eu-gdpr', 'BR', ['adequacy'], 'adequacy', 'adequacy'],
    ['uk-gdpr', 'BR', ['adequacy'], 'none', 'adequacy'],
    ['uk-gdpr', 'KR', ['adequacy'], 'adequacy', 'adequacy'],
    ['ch-fadp', 'CH', ['none'], 'inside-zone', undefined],
    ['eu-gdpr', 'CH', ['adequacy'], 'adequacy', 'adequacy'],
    ['uk-gdpr', 'IE', ['none'], 'adequacy', 'none'],
    ['eu-gdpr', 'IN', ['scc'], 'safeguard', 'scc'],
    ['uk-gdpr', 'IN', ['scc'], 'none', 'scc'],
    ['uk-gdpr', 'IN', ['scc', 'uk-addendum'], 'safeguard', 'uk-addendum'],
    ['ch-fadp', 'IN', ['scc'], 'safeguard', 'scc'],
    ['eu-gdpr', 'IN', ['derogation'], 'derogation', 'derogation'],
    ['eu-gdpr', 'IN', ['privacy-shield'], 'none', 'privacy-shield'],
    ['eu-gdpr', 'IN', [], 'none', undefined],
  ] as const)('%s, %s %j: %s by %s', (id, place, mechanisms, kind, mechanism) => {
    const coverage = ask(id, place, mechanisms);
    expect(coverage.kind).toBe(kind);
    expect(coverage.mechanism).toBe(mechanism);
  });

  it('names the article and the decision the law rests on', () => {
    expect(ask('uk-gdpr', 'IN', ['scc', 'uk-addendum'])).toEqual({
      kind: 'safeguard',
      mechanism: 'uk-addendum',
      article: law('uk-gdpr').basis('uk-addendum')?.article,
    });
    const korea = ask('eu-gdpr', 'KR', ['adequacy']);
    expect(korea.decision).toBe(law('eu-gdpr').adequacy('KR')?.decision);
    expect(korea.note).toBe('adequacy-partial');
  });

  it('takes the UK Addendum alone for no cover: it amends the EU SCCs and is valid only beside them', () => {
    expect(ask('uk-gdpr', 'IN', ['uk-addendum'])).toEqual({ kind: 'none', mechanism: 'uk-addendum', note: 'needs-companion' });
    expect(ask('uk-gdpr', 'US', ['uk-addendum', 'scc']).kind).toBe('safeguard');
    expect(ask('uk-gdpr', 'IN', ['uk-addendum', 'uk-idta'])).toMatchObject({ kind: 'safeguard', mechanism: 'uk-idta' });
    expect(ask('uk-gdpr', 'IN', ['uk-idta']).kind).toBe('safeguard');
  });

  it.each([
    ['eu-gdpr', ['dpf'], '2023-07-10'],
    ['uk-gdpr', ['dpf-uk'], '2023-10-12'],
    ['ch-fadp', ['dpf-ch'], '2024-09-15'],
    ['uk-gdpr', ['uk-idta'], '2022-03-21'],
    ['uk-gdpr', ['uk-addendum', 'scc'], '2022-03-21'],
  ] as const)('under %s, takes %j for no cover before %s, from the law data, and for cover from that day', (id, mechanisms, from) => {
    const on = (today: string) => coverageAt(law(id), { place: 'US', mechanisms, laws, today });
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(on(dayBefore)).toMatchObject({ kind: 'none', mechanism: mechanisms[0], note: 'not-yet-in-force' });
    expect(on('2021-01-01').note).toBe('not-yet-in-force');
    expect(on(from).kind).not.toBe('none');
    expect(law(id).basis(mechanisms[0])?.inForceFrom?.on).toBe(from);
  });

  it('takes no adequacy decision as cover before the day it was adopted (Korea: 2021-12-17 under the EU GDPR)', () => {
    const on = (today: string) => coverageAt(law('eu-gdpr'), { place: 'KR', mechanisms: ['adequacy'], laws, today });
    expect(on('2021-12-16')).toMatchObject({ kind: 'none', mechanism: 'adequacy', note: 'not-yet-in-force' });
    expect(on('2021-12-17').kind).toBe('adequacy');
    expect(law('eu-gdpr').adequacyInForce('KR', '2021-12-16')).toBeUndefined();
    expect(law('eu-gdpr').notYetInForce('adequacy', '2020-06-01', 'KR')).toBe('2021-12-17');
  });

  it('takes none for an EEA place as adequate under the UK GDPR and the FADP, whether or not the EU GDPR is declared', () => {
    const alone = (id: string, place: string) => coverageAt(law(id), { place, mechanisms: ['none'], laws: [law(id)], today: TODAY });
    expect(alone('uk-gdpr', 'IE')).toMatchObject({ kind: 'adequacy', mechanism: 'none' });
    expect(alone('uk-gdpr', 'EEA')).toMatchObject({ kind: 'adequacy', mechanism: 'none' });
    expect(alone('ch-fadp', 'NO')).toMatchObject({ kind: 'adequacy', mechanism: 'none' });
    // Switzerland is adequate for the UK, but no declared law holds it and no UK decision for a region contains it.
    expect(alone('uk-gdpr', 'CH')).toMatchObject({ kind: 'none', note: 'none-outside-zone' });
    // Under the EU GDPR alone, none outside the EEA stays a contradiction, adequate or not.
    expect(alone('eu-gdpr', 'CH')).toMatchObject({ kind: 'none', note: 'none-outside-zone' });
  });

  it('takes data of users outside the zone for no transfer, under that law only', () => {
    expect(ask('eu-gdpr', 'US', [], ['US']).kind).toBe('not-a-transfer');
    expect(ask('eu-gdpr', 'US', [], ['EU']).kind).toBe('none');
    expect(ask('uk-gdpr', 'US', ['none'], ['GB']).kind).toBe('none');
  });
});

describe('the questions the transfer policies ask coverage.ts', () => {
  const question = (place: string, mechanisms: readonly string[], users?: readonly string[]) => ({
    place,
    mechanisms,
    laws,
    today: TODAY,
    ...(users ? { users } : {}),
  });

  it('judges each mechanism alone, inside the zone too', () => {
    expect(coverageBy(law('eu-gdpr'), question('FR', ['scc']), 'scc')).toEqual({ kind: 'inside-zone', mechanism: 'scc' });
    expect(coverageBy(law('eu-gdpr'), question('FR', ['privacy-shield']), 'privacy-shield')).toMatchObject({
      kind: 'none',
      note: 'invalidated',
    });
    expect(coverageBy(law('eu-gdpr'), question('JP', ['scc', 'adequacy']), 'adequacy').kind).toBe('adequacy');
    expect(coverageAt(law('eu-gdpr'), question('JP', ['scc', 'adequacy'])).kind).toBe('safeguard');
  });

  it('counts every user when the establishment says so, and only then', () => {
    expect(isTransfer(law('eu-gdpr'), { place: 'US', users: ['US'] })).toBe(false);
    expect(isTransfer(law('eu-gdpr'), { place: 'US', users: ['US'], everyUserCounts: true })).toBe(true);
    expect(isTransfer(law('eu-gdpr'), { place: 'FR', everyUserCounts: true })).toBe(false);
    expect(coverageAt(law('eu-gdpr'), { ...question('US', ['none'], ['US']), everyUserCounts: true })).toMatchObject({
      kind: 'none',
      note: 'none-outside-zone',
    });
  });

  it('names what could cover a place, for hints', () => {
    expect(possibleCover(law('uk-gdpr'), 'US', TODAY).framework?.mechanism).toBe('dpf-uk');
    expect(possibleCover(law('eu-gdpr'), 'CH', TODAY)).toEqual({ adequacy: 'full' });
    expect(possibleCover(law('eu-gdpr'), 'KR', TODAY)).toEqual({ adequacy: 'partial' });
    expect(possibleCover(law('uk-gdpr'), 'BR', TODAY)).toEqual({});
    // Nothing not yet in force on the day judged: no framework before its start, no decision before its adoption.
    expect(possibleCover(law('eu-gdpr'), 'US', '2023-07-09')).toEqual({});
    expect(possibleCover(law('uk-gdpr'), 'US', '2023-10-11').framework).toBeUndefined();
    expect(possibleCover(law('eu-gdpr'), 'KR', '2021-12-16')).toEqual({});
  });
});
