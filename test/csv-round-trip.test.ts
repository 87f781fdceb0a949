import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { settingsYaml } from './helpers/vendor-yaml.js';

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
    // Status and Users (in words, with User codes beside it) are read by no one: no notice about them.
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
