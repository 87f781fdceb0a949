import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';
import { parseCsv } from '../scripts/importer/csv.js';

interface Entry {
  id: string;
  name: string;
  category: string;
  service?: string;
  tasks: string[];
  users?: string[];
  dataCategories?: string[];
  dataSubjects?: string[];
  locations: { place: string; users?: string[]; mechanism?: string; mechanisms?: string[] }[];
}

const shipped = Object.fromEntries(
  readdirSync(join(ROOT, 'registry/subprocessors')).map((f) => [
    `registry/subprocessors/${f}`,
    readFileSync(join(ROOT, 'registry/subprocessors', f), 'utf8'),
  ]),
);

/** What the published list says of a vendor: whom, where, on what basis. */
function essence(text: string): Omit<Entry, 'locations'> & { locations: string[] } {
  const e = parse(text) as Entry;
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    ...(e.service !== undefined ? { service: e.service } : {}),
    tasks: e.tasks,
    ...(e.users ? { users: e.users } : {}),
    ...(e.dataCategories ? { dataCategories: e.dataCategories } : {}),
    ...(e.dataSubjects ? { dataSubjects: e.dataSubjects } : {}),
    locations: e.locations.map(
      (l) => `${l.place}|${(l.users ?? []).join(',')}|${(l.mechanisms ?? (l.mechanism ? [l.mechanism] : [])).join(' > ')}`,
    ),
  };
}

describe('the release CSV imports back (README: "importable back with subproc import")', () => {
  const repo = gitRepo({ 'registry/registry.yaml': readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'), ...shipped });
  afterAll(() => {
    repo.cleanup();
  });

  it('every shipped vendor comes back with its name, category, user scopes, places and mechanisms', () => {
    expect(runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir).code).toBe(0);
    const imported = runCli(
      ['import', 'dist/subprocessors.csv', '--out', 'back', '--controller', 'Withings', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    for (const [path, text] of Object.entries(shipped)) {
      const back = readFileSync(join(repo.dir, 'back/subprocessors', path.split('/').pop() ?? ''), 'utf8');
      expect(essence(back), path).toEqual(essence(text));
    }
  });
});

describe('mechanisms in order survive the round trip', () => {
  const TWILIO = 'registry/subprocessors/twilio.yaml';
  const registry = { ...shipped, [TWILIO]: (shipped[TWILIO] ?? '').replace('    mechanism: dpf\n', '    mechanisms: [dpf, scc]\n') };
  const repo = gitRepo({ 'registry/registry.yaml': readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'), ...registry });
  afterAll(() => {
    repo.cleanup();
  });

  it('a vendor with mechanisms: [dpf, scc] is published in words, in order, with its codes, and imports back as the list', () => {
    expect(registry[TWILIO]).toContain('mechanisms: [dpf, scc]');
    expect(runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir).code).toBe(0);
    const csv = readFileSync(join(repo.dir, 'dist/subprocessors.csv'), 'utf8');
    expect(csv).toContain('EU-US Data Privacy Framework, else Standard Contractual Clauses');
    expect(csv).toContain('"dpf, scc"');
    const imported = runCli(
      ['import', 'dist/subprocessors.csv', '--out', 'back', '--controller', 'Withings', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const back = readFileSync(join(repo.dir, 'back/subprocessors/twilio.yaml'), 'utf8');
    expect(essence(back)).toEqual(essence(registry[TWILIO]));
    expect(essence(back).locations).toEqual(['US||dpf > scc']);
  });
});

describe('a hostile registry survives the round trip: formulas, quotes, commas, line breaks, non-Latin names', () => {
  // Names a spreadsheet would run (=, +, -, @), quotes, commas and a line break in a task, non-Latin scripts with an
  // id of Latin letters, user scopes on the entry and on one of two locations, mechanisms in order.
  const vendor = (id: string, fields: Record<string, unknown>) => ({
    id,
    name: `Vendor ${id}`,
    category: 'hosting',
    tasks: ['Hosting'],
    locations: [{ place: 'FR', mechanism: 'none' }],
    status: 'active',
    ...fields,
  });
  const vendors = {
    formula: vendor('formula', { name: '=HYPERLINK("https://evil.example","x")', tasks: ['@SUM(1,2)', '-2+3 "quoted", with commas'] }),
    plus: vendor('plus', {
      name: "+1+cmd|' /C calc'!A0",
      service: '-service, "quoted"',
      users: ['US'],
      locations: [{ place: 'US', mechanism: 'none' }],
    }),
    cjk: vendor('cjk', {
      name: 'Alibaba Cloud (阿里云)',
      locations: [
        { place: 'IE', users: ['EUROPE'], mechanism: 'none' },
        { place: 'CN', mechanisms: ['scc', 'derogation'] },
      ],
    }),
    health: vendor('health', { dataCategories: ['health', 'contact'], dataSubjects: ['end-users', 'children'] }),
    arabic: vendor('arabic', {
      name: 'شركة البيانات',
      tasks: ['Hosting; storage', 'Backups'],
      locations: [{ place: 'WORLD', mechanism: 'scc' }],
    }),
    bracket: vendor('bracket', {
      name: '[EU Only] not a scope',
      locations: [{ place: 'US', users: ['NORTH_AMERICA', 'EU'], mechanism: 'dpf' }],
    }),
  };
  // JSON is YAML 1.2: every hostile string is written quoted, exactly.
  const tree = Object.fromEntries(
    Object.entries(vendors).map(([id, entry]) => [`registry/subprocessors/${id}.yaml`, `${JSON.stringify(entry, null, 2)}\n`]),
  );
  const repo = gitRepo({ 'registry/registry.yaml': settingsYaml(), ...tree });
  afterAll(() => {
    repo.cleanup();
  });

  it('releases, imports into a fresh folder, and every subprocessor comes back the same', () => {
    const built = runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const csv = readFileSync(join(repo.dir, 'dist/subprocessors.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFID,Category,Subcontractor,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).toContain("Ireland (users in Europe); People's Republic of China,IE; CN,EUROPE; ,");
    // Data categories and subjects in words, special ones marked, with their ids beside them.
    expect(csv).toContain('Health data (Art. 9); Contact data,"health, contact",End users; Children,"end-users, children",');
    const imported = runCli(
      ['import', 'dist/subprocessors.csv', '--out', 'back', '--controller', 'Example', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    // Status (read beside the ID column) and Users (in words, with User codes beside it): no notice about them.
    expect(imported.stdout + imported.stderr).not.toContain('is not read');
    for (const [path, text] of Object.entries(tree)) {
      const back = readFileSync(join(repo.dir, 'back/subprocessors', path.split('/').pop() ?? ''), 'utf8');
      expect(essence(back), path).toEqual(essence(text));
    }
  });

  it('an unknown code in a code column is refused at its cell, with nothing written', () => {
    const csv = readFileSync(join(repo.dir, 'dist/subprocessors.csv'), 'utf8').replace('IE; CN', 'IE; XX');
    writeFileSync(join(repo.dir, 'bad.csv'), csv);
    const line = csv.split('\n').findIndex((l) => l.includes('IE; XX')) + 1;
    const result = runCli(['import', 'bad.csv', '--out', 'bad', '--controller', 'Example', '--controller-country', 'FR'], repo.dir);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(`bad.csv:${line}:`);
    expect(result.stdout + result.stderr).toContain('cannot map the place "XX"');
  });

  it('reads data categories and subjects by title or id, ";" or "," between; an unknown one is refused at its cell with the nearest', () => {
    const header = 'Subcontractor,Storage place,Transfer mechanism,Purpose,Data categories,Data subjects';
    writeFileSync(
      join(repo.dir, 'data.csv'),
      `${header}\nAcme,France,No international transfer,Hosting,Health data; contact,"Customers, end-users"\n`,
    );
    const ok = runCli(
      ['import', 'data.csv', '--out', 'data', '--category', 'Hosting', '--controller', 'Example', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const back = parse(readFileSync(join(repo.dir, 'data/subprocessors/acme.yaml'), 'utf8')) as Entry;
    expect(back.dataCategories).toEqual(['health', 'contact']);
    expect(back.dataSubjects).toEqual(['customers', 'end-users']);

    writeFileSync(join(repo.dir, 'typo.csv'), `${header}\nAcme,France,No international transfer,Hosting,Helth data,customers\n`);
    const bad = runCli(
      ['import', 'typo.csv', '--out', 'typo', '--category', 'Hosting', '--controller', 'Example', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain(
      'cannot map the data category "Helth data" to an id of policies/data/data-categories.json; did you mean "Health data"?',
    );
    expect(bad.stdout + bad.stderr).toContain('at typo.csv:2:47');
    expect(bad.stdout + bad.stderr).not.toMatch(/\.js:\d+/); // no stack trace
  });
});

describe('status, start and retirement survive the round trip', () => {
  // The shipped registry, plus a vendor that starts after the release date, one that retires after it, one retired
  // before it, and one that started before it: every state the Status column writes.
  const lifecycle = {
    'registry/subprocessors/future-analytics.yaml': vendorYaml('future-analytics', {
      name: 'Future Analytics',
      category: 'others',
      tasks: ['Analyses app usage'],
      locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }],
      since: '2027-01-15',
    }),
    'registry/subprocessors/leaving-mail.yaml': vendorYaml('leaving-mail', {
      name: 'Leaving Mail',
      category: 'communication',
      tasks: ['Sends emails'],
      retired: { on: '2027-03-31', reason: 'Replaced by another provider.' },
    }),
    'registry/subprocessors/old-backups.yaml': vendorYaml('old-backups', {
      name: 'Old Backups',
      category: 'backups',
      since: '2024-02-01',
      retired: { on: '2026-06-30', reason: 'Backups moved in house.' },
    }),
    'registry/subprocessors/steady-host.yaml': vendorYaml('steady-host', { name: 'Steady Host', since: '2025-05-01' }),
  };
  const registry = { ...shipped, ...lifecycle };
  const repo = gitRepo({ 'registry/registry.yaml': readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'), ...registry });
  afterAll(() => {
    repo.cleanup();
  });
  const importArgs = (file: string, out: string) => [
    'import',
    file,
    '--out',
    out,
    '--controller',
    'Withings',
    '--controller-country',
    'FR',
  ];
  const lifeOf = (text: string) => {
    const e = parse(text) as { status: string; since?: string; retired?: { on: string; reason: string } };
    return { status: e.status, since: e.since, retired: e.retired };
  };
  let csv = '';
  /** The CSV's cells, as the importer's own parser reads them (quoted commas and line breaks included). */
  const cellsOf = (text: string) => parseCsv('t.csv', text.replace(/^\uFEFF/, ''), []);
  const table = (text: string) => cellsOf(text).map((row) => row.map((c) => c.text));
  const field = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const toCsv = (rows: readonly (readonly string[])[]) => `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
  const LIFE = ['Since', 'Retired on', 'Retirement reason', 'Status'];
  const lifeCells = (rows: readonly (readonly string[])[], id: string) => {
    const head = rows[0] ?? [];
    const row = rows.find((r) => r[0] === id) ?? [];
    return LIFE.map((name) => row[head.indexOf(name)]);
  };

  it('every vendor, shipped or not, comes back upcoming, retiring, retired or active, with its dates and reason', () => {
    const built = runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    csv = readFileSync(join(repo.dir, 'dist/subprocessors.csv'), 'utf8');
    const rows = table(csv);
    expect(lifeCells(rows, 'future-analytics')).toEqual(['2027-01-15', '', '', 'upcoming (from 2027-01-15)']);
    expect(lifeCells(rows, 'leaving-mail')).toEqual(['', '2027-03-31', 'Replaced by another provider.', 'retiring (on 2027-03-31)']);
    expect(lifeCells(rows, 'old-backups')).toEqual(['2024-02-01', '2026-06-30', 'Backups moved in house.', 'retired']);
    expect(lifeCells(rows, 'steady-host')).toEqual(['2025-05-01', '', '', 'active']);
    const imported = runCli(importArgs('dist/subprocessors.csv', 'back'), repo.dir);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout + imported.stderr).not.toContain('is not read');
    for (const [path, text] of Object.entries(registry)) {
      const back = readFileSync(join(repo.dir, 'back/subprocessors', path.split('/').pop() ?? ''), 'utf8');
      expect(lifeOf(back), path).toEqual(lifeOf(text));
      expect(essence(back), path).toEqual(essence(text));
    }
  });

  it('a CSV without the retirement columns: a retired row is refused at its Status cell, naming the column to add', () => {
    // A CSV as releases wrote it before the Since and Retired columns.
    const rows = table(csv);
    const dropped = new Set(LIFE.slice(0, 3).map((name) => (rows[0] ?? []).indexOf(name)));
    const oldRows = rows.map((r) => r.filter((_, i) => !dropped.has(i)));
    expect(oldRows[0]).not.toContain('Since');
    const old = toCsv(oldRows);
    writeFileSync(join(repo.dir, 'old.csv'), old);
    const result = runCli(importArgs('old.csv', 'old'), repo.dir);
    const out = result.stdout + result.stderr;
    expect(result.code).toBe(1);
    const parsed = cellsOf(old);
    const statusAt = (parsed[0] ?? []).findIndex((c) => c.text === 'Status');
    for (const id of ['leaving-mail', 'old-backups']) {
      const cell = parsed.find((r) => r[0]?.text === id)?.[statusAt];
      expect(out).toContain(`old.csv:${String(cell?.line)}:${String(cell?.column)}`);
    }
    expect(out).toContain('the row says the vendor retires, but the file has no "Retirement reason" column');
    expect(out).toContain('Add a "Retirement reason" column and fill it for this row');
    expect(out).not.toMatch(/\.js:\d+/);
    expect(readdirSync(repo.dir)).not.toContain('old');

    // Without the retired rows, the rest imports, and the upcoming vendor keeps the start its Status gives.
    writeFileSync(join(repo.dir, 'kept.csv'), toCsv(oldRows.filter((r) => r[0] !== 'leaving-mail' && r[0] !== 'old-backups')));
    const kept = runCli(importArgs('kept.csv', 'kept'), repo.dir);
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    expect(lifeOf(readFileSync(join(repo.dir, 'kept/subprocessors/future-analytics.yaml'), 'utf8'))).toEqual({
      status: 'active',
      since: '2027-01-15',
      retired: undefined,
    });
  });

  it('a Status the release does not write, or one that disagrees with Since, is refused at its cell', () => {
    const rows = table(csv);
    const head = rows[0] ?? [];
    const edit = (id: string, column: string, value: string) =>
      toCsv(rows.map((r) => (r[0] === id ? r.map((c, i) => (i === head.indexOf(column) ? value : c)) : r)));
    writeFileSync(join(repo.dir, 'odd.csv'), edit('bso', 'Status', 'paused'));
    const odd = runCli(importArgs('odd.csv', 'odd'), repo.dir);
    expect(odd.code).toBe(1);
    expect(odd.stdout + odd.stderr).toContain('cannot read the status "paused"');
    writeFileSync(join(repo.dir, 'clash.csv'), edit('future-analytics', 'Since', '2027-02-01'));
    const clash = runCli(importArgs('clash.csv', 'clash'), repo.dir);
    expect(clash.code).toBe(1);
    expect(clash.stdout + clash.stderr).toContain('the Status cell says "upcoming (from 2027-01-15)", but the Since cell says 2027-02-01');
  });
});
