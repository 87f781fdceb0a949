import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Release, ReleaseEntry } from '../../scripts/generated/release.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { validatorFor } from '../../scripts/registry/schemas.js';
import {
  buildReleaseDocument,
  datedChangesDue,
  RELEASE_DATE_FIELDS,
  RELEASE_SCHEMA_VERSION,
  registryEntry,
  statusOn,
} from '../../scripts/release/release-doc.js';
import { renderCsv, renderMarkdown } from '../../scripts/release/render-list.js';
import { legalBases } from '../../scripts/engine/mechanism-concept.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { changelog } from '../../scripts/release/changelog.js';
import { planVersion } from '../../scripts/release/versioning.js';
import { gitRepo } from '../helpers/git-repo.js';
import { headings, renderGfm, tags, visibleText } from '../helpers/gfm.js';
import { ROOT } from '../helpers/run-cli.js';
import { settingsYaml, vendorYaml } from '../helpers/vendor-yaml.js';
import { subproc } from './fixtures.js';

/**
 * A release states each vendor's status on its release date (issue 11, point 2): a vendor whose `since` is after
 * the date is upcoming and listed as starting then; one retired with a `retired.on` after it is retiring, still
 * listed in its section until then, and under Retired only after. Schema 1.1.0 adds statusOnRelease and upcoming
 * to each entry; a 1.0.0 document still validates and still serves as --previous.
 */

const validateRelease = validatorFor('release');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;

const vendor = (id: string, fields: Partial<Subprocessor> = {}): Subprocessor => ({
  id,
  name: `Vendor ${id}`,
  category: 'hosting',
  tasks: ['Hosting'],
  locations: [{ place: 'FR', mechanism: 'none' }],
  status: 'active',
  ...fields,
});
/** Subcontractor (the third column, after ID and Category) → Status, from a release CSV (no cell of these tests holds a comma). */
function statusColumn(csv: string): Record<string, string> {
  const rows = csv.trimEnd().split('\r\n').slice(1);
  return Object.fromEntries(rows.map((row): [string, string] => [row.split(',')[2] ?? '', row.split(',').at(-1) ?? '']));
}

const retiredOn = (on: string): Partial<Subprocessor> => ({ status: 'retired', retired: { on, reason: 'The contract ended.' } });

describe('statusOn: a vendor processes data from its since (inclusive) until its retired.on (exclusive)', () => {
  const day = '2026-12-01';
  it.each<[string, Partial<Subprocessor>, ReturnType<typeof statusOn>]>([
    ['active, no since', {}, { statusOnRelease: 'active' }],
    ['active, since before the day', { since: '2026-01-15' }, { statusOnRelease: 'active' }],
    ['active, since on the day: started', { since: day }, { statusOnRelease: 'active' }],
    ['active, since after the day', { since: '2027-01-15' }, { statusOnRelease: 'upcoming', upcoming: { starts: '2027-01-15' } }],
    ['retired before the day', retiredOn('2026-06-30'), { statusOnRelease: 'retired' }],
    ['retired on the day: stopped', retiredOn(day), { statusOnRelease: 'retired' }],
    [
      'retired after the day: still processing',
      retiredOn('2027-03-31'),
      { statusOnRelease: 'retiring', upcoming: { retires: '2027-03-31' } },
    ],
    [
      'starting and retiring after the day',
      { since: '2027-01-15', ...retiredOn('2027-03-31') },
      { statusOnRelease: 'upcoming', upcoming: { starts: '2027-01-15', retires: '2027-03-31' } },
    ],
    [
      'retired on or before its own start: never processes',
      { since: '2027-01-15', ...retiredOn('2027-01-15') },
      { statusOnRelease: 'retired' },
    ],
  ])('%s', (_name, fields, expected) => {
    expect(statusOn(vendor('acme', fields), day)).toEqual(expected);
  });
});

describe('schemas/release.schema.json 1.1.0', () => {
  const releasedAt = new Date('2026-12-01T10:00:00Z');
  const settings: RegistrySettings = {
    controller: { name: 'Example', country: 'FR' },
    noticePeriodDays: 30,
    categories: [{ id: 'hosting', title: 'Hosting' }],
  };
  const doc = buildReleaseDocument({
    settings,
    subprocessors: [
      vendor('steady'),
      vendor('newcomer', { since: '2027-01-15' }),
      vendor('leaving', retiredOn('2027-03-31')),
      vendor('gone', retiredOn('2026-06-30')),
    ],
    version: '1.0.0',
    releasedAt,
    commit: 'a'.repeat(40),
  });
  const entry = (id: string) => {
    const found = doc.subprocessors.find((s) => s.id === id);
    if (!found) throw new Error(`no entry ${id}`);
    return found;
  };
  /** The same document as schema 1.0.0 wrote it: entries as in the registry. */
  const v100: Release = { ...doc, schemaVersion: '1.0.0', subprocessors: doc.subprocessors.map(registryEntry) };
  const withEntry = (id: string, edit: (e: ReleaseEntry) => ReleaseEntry): Release => ({
    ...doc,
    subprocessors: doc.subprocessors.map((e) => (e.id === id ? edit(structuredClone(e)) : e)),
  });

  it('is version 1.6.0 (minors: fields and values added), and a document states it', () => {
    expect(RELEASE_SCHEMA_VERSION).toBe('1.6.0');
    expect(doc.schemaVersion).toBe('1.6.0');
    expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
  });

  it('keeps every field the registry wrote, status included, and adds the status on the release date', () => {
    expect(entry('leaving')).toEqual({
      ...vendor('leaving', retiredOn('2027-03-31')),
      statusOnRelease: 'retiring',
      upcoming: { retires: '2027-03-31' },
    });
    expect(entry('newcomer')).toEqual({
      ...vendor('newcomer', { since: '2027-01-15' }),
      statusOnRelease: 'upcoming',
      upcoming: { starts: '2027-01-15' },
    });
    expect(entry('steady')).toEqual({ ...vendor('steady'), statusOnRelease: 'active' });
    expect(entry('gone')).toEqual({ ...vendor('gone', retiredOn('2026-06-30')), statusOnRelease: 'retired' });
    for (const e of doc.subprocessors) expect(registryEntry(e)).toEqual(vendor(e.id, registryEntry(e)));
  });

  it('still accepts a 1.0.0 document, whose entries have neither field', () => {
    expect(validateRelease(v100), JSON.stringify(validateRelease.errors)).toBe(true);
  });

  it.each<[string, Release]>([
    ['upcoming without the date it starts', withEntry('newcomer', (e) => ({ ...e, upcoming: undefined }))],
    ['upcoming without a since', withEntry('newcomer', (e) => ({ ...e, since: undefined }))],
    [
      'retiring for a vendor whose status is active',
      withEntry('steady', (e) => ({ ...e, statusOnRelease: 'retiring', upcoming: { retires: '2027-03-31' } })),
    ],
    ['active with an upcoming date', withEntry('steady', (e) => ({ ...e, upcoming: { starts: '2027-01-15' } }))],
    ['retired with an upcoming date', withEntry('gone', (e) => ({ ...e, upcoming: { retires: '2027-03-31' } }))],
    ['an empty upcoming', withEntry('newcomer', (e) => ({ ...e, upcoming: {} }))],
    [
      'upcoming in a 1.0.0 entry with no statusOnRelease',
      { ...v100, subprocessors: v100.subprocessors.map((e) => ({ ...e, upcoming: { starts: '2027-01-15' } })) },
    ],
    ['an unknown status', withEntry('steady', (e) => ({ ...e, statusOnRelease: 'paused' as ReleaseEntry['statusOnRelease'] }))],
  ])('refuses %s', (_name, bad) => {
    expect(validateRelease(bad)).toBe(false);
  });

  it('lists every field of schemas/subprocessor.schema.json in an entry: its declaration and its description', () => {
    // The entry cannot refer to the subprocessor schema whole (it is closed: additionalProperties false), so it lists
    // its properties: a field added to the registry must be added to the entry too, or the build's document is
    // refused. Each refers to its declaration, with the same description; users refers to what that declaration
    // refers to (json-schema-to-typescript cannot follow a pointer into it).
    const sub = schema('subprocessor.schema.json') as {
      properties: Record<string, { $ref?: string; description: string }>;
      required: string[];
    };
    const release = schema('release.schema.json') as { $defs: { entry: { properties: Record<string, unknown>; required: string[] } } };
    const entrySchema = release.$defs.entry;
    expect(Object.keys(entrySchema.properties)).toEqual([...Object.keys(sub.properties), ...RELEASE_DATE_FIELDS]);
    expect(entrySchema.required).toEqual(sub.required);
    for (const [name, declaration] of Object.entries(sub.properties)) {
      // Since 1.5.0 a location is the release's own (it adds coverage): the next test compares its fields.
      if (name === 'locations') continue;
      const $ref = name === 'users' ? declaration.$ref : `subprocessor.schema.json#/properties/${name}`;
      expect(entrySchema.properties[name], `release.schema.json $defs/entry/properties/${name}`).toEqual({
        $ref,
        description: declaration.description,
      });
    }
  });

  it("lists every field of the subprocessor schema's location in a release location, then coverage", () => {
    // As for the entry: each field refers to its declaration, or to what that declaration refers to.
    const sub = schema('subprocessor.schema.json') as {
      $defs: { location: { properties: Record<string, { $ref?: string; description: string }>; required: string[]; not: unknown } };
    };
    const release = schema('release.schema.json') as {
      $defs: { location: { properties: Record<string, unknown>; required: string[]; not: unknown } };
    };
    const location = release.$defs.location;
    const declared = sub.$defs.location;
    expect(Object.keys(location.properties)).toEqual([...Object.keys(declared.properties), 'coverage']);
    expect(location.required).toEqual(declared.required);
    expect(location.not).toEqual(declared.not);
    for (const [name, declaration] of Object.entries(declared.properties)) {
      const target = declaration.$ref?.replace(/^#/, 'subprocessor.schema.json#');
      expect(location.properties[name], `release.schema.json $defs/location/properties/${name}`).toEqual({
        $ref: target ?? `subprocessor.schema.json#/$defs/location/properties/${name}`,
        description: declaration.description,
      });
    }
  });

  it('lists an upcoming vendor as starting, a retiring one in its section until its date, in Markdown and CSV', () => {
    const markdown = renderMarkdown(doc, 'Subprocessors');
    expect(markdown).toContain('| Vendor newcomer (from 2027-01-15) |');
    expect(markdown).toContain('| Vendor leaving (retiring on 2027-03-31) |');
    const [sections, retired] = markdown.split('## Retired');
    expect(sections).toContain('| Vendor steady |');
    expect(sections).not.toContain('Vendor gone');
    expect(retired).toContain('| Vendor gone | 2026-06-30 |');
    expect(retired).not.toContain('leaving');
    const status = statusColumn(renderCsv(doc));
    expect(status).toEqual({
      'Vendor steady': 'active',
      'Vendor newcomer': 'upcoming (from 2027-01-15)',
      'Vendor leaving': 'retiring (on 2027-03-31)',
      'Vendor gone': 'retired',
    });
  });

  it('renders a 1.0.0 document the same way, from its dates', () => {
    expect(renderMarkdown({ ...v100, version: doc.version }, 'Subprocessors')).toBe(renderMarkdown(doc, 'Subprocessors'));
    expect(renderCsv(v100)).toBe(renderCsv(doc));
  });

  it('plans no release when only a date passed: the registry did not change', () => {
    const content = { ...settings, subprocessors: doc.subprocessors.map(registryEntry) };
    expect(planVersion(doc, content, false)).toBeUndefined();
    expect(planVersion(v100, content, false)).toBeUndefined();
    expect(planVersion(doc, { ...content, subprocessors: [...content.subprocessors, vendor('another')] }, false)).toMatchObject({
      kind: 'minor',
      version: '1.1.0',
    });
  });

  it('says which announced starts and retirements have come by a day', () => {
    expect(datedChangesDue(doc, releasedAt)).toEqual([]);
    expect(datedChangesDue(doc, new Date('2027-01-15T00:00:00Z'))).toEqual(['newcomer']);
    expect(datedChangesDue(doc, new Date('2027-03-31T00:00:00Z'))).toEqual(['leaving', 'newcomer']);
    expect(datedChangesDue(v100, new Date('2027-03-31T00:00:00Z'))).toEqual([]);
  });
});

describe('subproc build with a future start and a future retirement', () => {
  const RELEASED = '2026-12-01T10:00:00Z';
  // A place and mechanism `subproc import` reads back from the CSV (it maps no "none").
  const US = { locations: [{ place: 'US', mechanism: 'scc' }] };
  const repo = gitRepo({
    'registry/registry.yaml': settingsYaml(),
    'registry/subprocessors/steady.yaml': vendorYaml('steady', US),
    'registry/subprocessors/newcomer.yaml': vendorYaml('newcomer', { ...US, users: ['US'], since: '2027-01-15' }),
    // Registry text in the name: escaped in the Markdown as before, the date beside it is the release's own words.
    'registry/subprocessors/leaving.yaml': vendorYaml('leaving', {
      ...US,
      name: 'Leaving *Corp* [docs](https://evil.example)',
      retired: { on: '2027-03-31', reason: 'The contract ends.' },
    }),
    'registry/subprocessors/gone.yaml': vendorYaml('gone', { ...US, retired: { on: '2026-06-30', reason: 'The contract ended.' } }),
  });
  afterAll(repo.cleanup);
  const at = (...parts: string[]) => join(repo.dir, ...parts);
  const text = (...parts: string[]) => readFileSync(at(...parts), 'utf8');
  const docIn = (folder: string) => JSON.parse(text(folder, 'subprocessors.json')) as Release;
  const byId = (doc: Release) => new Map(doc.subprocessors.map((e) => [e.id, e]));
  /** Each section of the rendered page with the visible text of its rows. */
  const page = (folder: string) => {
    const html = renderGfm(text(folder, 'subprocessors.md'));
    const sections = html.split(/<h2>/).slice(1);
    return {
      html,
      headings: headings(html),
      rows: Object.fromEntries(
        sections.map((section) => [
          visibleText(section.slice(0, section.indexOf('</h2>'))),
          [...section.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => visibleText(m[1] ?? '')),
        ]),
      ),
    };
  };
  const csvStatus = (folder: string) => statusColumn(text(folder, 'subprocessors.csv'));

  it('builds 1.0.0 whose entries carry their status on the release date', () => {
    const result = subproc(['build', '--released-at', RELEASED], repo.dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const doc = docIn('dist');
    expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
    const entries = byId(doc);
    expect(entries.get('steady')).toMatchObject({ status: 'active', statusOnRelease: 'active' });
    expect(entries.get('steady')).not.toHaveProperty('upcoming');
    expect(entries.get('newcomer')).toMatchObject({
      status: 'active',
      since: '2027-01-15',
      statusOnRelease: 'upcoming',
      upcoming: { starts: '2027-01-15' },
    });
    expect(entries.get('leaving')).toMatchObject({
      status: 'retired',
      retired: { on: '2027-03-31', reason: 'The contract ends.' },
      statusOnRelease: 'retiring',
      upcoming: { retires: '2027-03-31' },
    });
    expect(entries.get('gone')).toMatchObject({ status: 'retired', statusOnRelease: 'retired' });
  });

  it('lists the upcoming vendor as starting and the retiring one in its section, in Markdown and CSV', () => {
    const { html, headings: titles, rows } = page('dist');
    expect(titles).toEqual(['h1 Example subprocessors', 'h2 Hosting', 'h2 Retired']);
    // In id order, as every section: gone, leaving, newcomer, steady.
    expect(rows['Hosting']).toEqual([
      'Leaving *Corp* [docs](https://evil.example) (retiring on 2027-03-31)',
      '[US Only] Vendor newcomer (from 2027-01-15)',
      'Vendor steady',
    ]);
    expect(rows['Retired']).toEqual(['Vendor gone']);
    // Emphasis is the list's own, for tasks; the name's asterisks and link stay text.
    expect([...html.matchAll(/<em>([\s\S]*?)<\/em>/g)].map((m) => m[1])).toEqual(['Hosting', 'Hosting', 'Hosting']);
    expect(tags(html, 'a')).toEqual([]);
    expect(csvStatus('dist')).toEqual({
      'Vendor steady': 'active',
      'Vendor newcomer': 'upcoming (from 2027-01-15)',
      'Leaving *Corp* [docs](https://evil.example)': 'retiring (on 2027-03-31)',
      'Vendor gone': 'retired',
    });
  });

  it('writes a CSV that subproc import reads back', () => {
    const result = subproc(
      ['import', 'dist/subprocessors.csv', '--out', 'imported', '--controller', 'Example', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('imported 4 subprocessors');
  });

  it('makes no release when only a date passed, without a re-issue', () => {
    const result = subproc(['build', '--previous', 'dist', '--out', 'dist-later', '--released-at', '2027-04-01T10:00:00Z'], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/nothing changed since 1\.0\.0: no release/);
  });

  it('the scheduled re-issue renews a release once an announced date has come, long before it expires', () => {
    // Expires 2027-03-01; on 2027-01-20, 40 days before, only the start of newcomer calls for a re-issue.
    const before = subproc(
      ['build', '--previous', 'dist', '--out', 'dist-early', '--reissue-within', '30', '--released-at', '2027-01-10T10:00:00Z'],
      repo.dir,
    );
    expect(before.stdout).toMatch(/nothing changed since 1\.0\.0: no release/);
    const result = subproc(
      ['build', '--previous', 'dist', '--out', 'dist-started', '--reissue-within', '30', '--released-at', '2027-01-20T10:00:00Z'],
      repo.dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('built 1.0.1 (reissue)');
    const entries = byId(docIn('dist-started'));
    expect(entries.get('newcomer')).toMatchObject({ statusOnRelease: 'active' });
    expect(entries.get('newcomer')).not.toHaveProperty('upcoming');
    expect(entries.get('leaving')).toMatchObject({ statusOnRelease: 'retiring', upcoming: { retires: '2027-03-31' } });
    expect(page('dist-started').rows['Hosting']).toContain('[US Only] Vendor newcomer');
  });

  it('lists the retired vendor under Retired once its date has come', () => {
    const result = subproc(
      ['build', '--previous', 'dist', '--out', 'dist-after', '--reissue', '--released-at', '2027-04-01T10:00:00Z'],
      repo.dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('built 1.0.1 (reissue)');
    const doc = docIn('dist-after');
    expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
    const entries = byId(doc);
    expect(entries.get('newcomer')).toMatchObject({ statusOnRelease: 'active' });
    expect(entries.get('leaving')).toMatchObject({ status: 'retired', statusOnRelease: 'retired' });
    expect(entries.get('leaving')).not.toHaveProperty('upcoming');
    const { rows } = page('dist-after');
    expect(rows['Hosting']).toEqual(['[US Only] Vendor newcomer', 'Vendor steady']);
    expect(rows['Retired']).toEqual(['Vendor gone', 'Leaving *Corp* [docs](https://evil.example)']);
    expect(csvStatus('dist-after')).toMatchObject({
      'Vendor newcomer': 'active',
      'Leaving *Corp* [docs](https://evil.example)': 'retired',
    });
  });

  describe('with a 1.0.0 document as --previous', () => {
    const oldDoc = (commit: string): Release => {
      const doc = docIn('dist');
      return { ...doc, schemaVersion: '1.0.0', source: { commit }, subprocessors: doc.subprocessors.map(registryEntry) };
    };
    const write = (folder: string, doc: Release) => {
      mkdirSync(at(folder), { recursive: true });
      writeFileSync(at(folder, 'subprocessors.json'), JSON.stringify(doc));
    };

    it('validates, and nothing changed since it: no release', () => {
      const doc = oldDoc(repo.git('rev-parse', 'HEAD').trim());
      expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
      write('v100', doc);
      const result = subproc(['build', '--previous', 'v100/subprocessors.json', '--out', 'dist-v100', '--released-at', RELEASED], repo.dir);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/nothing changed since 1\.0\.0: no release/);
    });

    it('re-issued: a patch of the same major, in the current schema', () => {
      const result = subproc(['build', '--previous', 'v100', '--out', 'dist-v100', '--reissue', '--released-at', RELEASED], repo.dir);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('built 1.0.1 (reissue)');
      expect(docIn('dist-v100')).toMatchObject({ schemaVersion: RELEASE_SCHEMA_VERSION, version: '1.0.1' });
    });
  });

  describe('with a previous release whose commit this clone does not hold', () => {
    // The base is then the registry written back from the document's entries: without the release-date fields.
    const elsewhere = (schemaVersion: string) => {
      const doc = docIn('dist');
      const entries = schemaVersion === '1.0.0' ? doc.subprocessors.map(registryEntry) : doc.subprocessors;
      return { ...doc, schemaVersion, source: { commit: 'f'.repeat(40) }, subprocessors: entries };
    };

    it.each(['1.1.0', '1.0.0'])('schema %s: the history policies run against its list, nothing changed', (schemaVersion) => {
      mkdirSync(at(`elsewhere-${schemaVersion}`), { recursive: true });
      writeFileSync(at(`elsewhere-${schemaVersion}`, 'subprocessors.json'), JSON.stringify(elsewhere(schemaVersion)));
      const result = subproc(
        ['build', '--previous', `elsewhere-${schemaVersion}`, '--out', 'dist-elsewhere', '--released-at', RELEASED],
        repo.dir,
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toMatch(/statusOnRelease|upcoming/);
      expect(result.stdout).toMatch(/nothing changed since 1\.0\.0: no release/);
    });

    it('a vendor deleted instead of retired since that release stops the build', () => {
      writeFileSync(at('elsewhere-deleted.json'), JSON.stringify(elsewhere('1.1.0')));
      repo.git('rm', '-q', 'registry/subprocessors/steady.yaml');
      repo.git('commit', '-q', '-m', 'steady deleted');
      const result = subproc(
        ['build', '--previous', 'elsewhere-deleted.json', '--out', 'dist-deleted', '--released-at', RELEASED],
        repo.dir,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('vendor-removed');
      expect(result.stdout + result.stderr).not.toMatch(/statusOnRelease/);
    });
  });
});

describe('the release notes count and word dated changes by the release date', () => {
  const settings: RegistrySettings = {
    controller: { name: 'Acme', country: 'FR' },
    noticePeriodDays: 30,
    categories: [{ id: 'hosting', title: 'Hosting' }],
  };
  const build = (subprocessors: Subprocessor[], version = '1.0.0') =>
    buildReleaseDocument({ settings, subprocessors, version, releasedAt: new Date('2026-12-01T09:00:00Z'), commit: 'a'.repeat(40) });

  it('an initial release counts who processes data on the day, apart from those starting later and those retired', () => {
    const doc = build([
      vendor('steady'),
      vendor('newcomer', { since: '2027-01-15' }),
      vendor('leaving', retiredOn('2027-03-31')),
      vendor('gone', retiredOn('2026-06-30')),
    ]);
    const plan = planVersion(undefined, doc, false);
    if (!plan) throw new Error('an initial release always has a plan');
    expect(changelog(doc, plan)).toContain(
      'Initial release: 2 subprocessors processing personal data; 1 of them retiring on a later date; 1 starting on a later date; 1 retired.',
    );
  });

  it('a retirement dated after the release is announced as one to come, a past one as done', () => {
    const before = build([vendor('leaving'), vendor('gone')]);
    const after = build([vendor('leaving', retiredOn('2027-03-31')), vendor('gone', retiredOn('2026-06-30'))], '1.1.0');
    const plan = planVersion(before, after, false);
    if (!plan) throw new Error('a retirement is a change');
    const notes = changelog(after, plan);
    expect(notes).toContain('Vendor leaving retires on 2027-03-31: The contract ended.');
    expect(notes).toContain('Retired Vendor gone on 2026-06-30: The contract ended.');
  });
});

describe('legalBases: the DPV concepts of the mechanism ids the document uses (schema 1.2.0)', () => {
  const laws = shippedLaws();
  it('lists each used mechanism a law accepts, with its DPV IRIs, and leaves out none and unused ones', () => {
    const subs = [
      vendor('a', { locations: [{ place: 'US', mechanism: 'scc' }] }),
      vendor('b', {
        locations: [
          { place: 'US', mechanism: 'dpf' },
          { place: 'FR', mechanism: 'none' },
        ],
      }),
      vendor('c', { locations: [{ place: 'IN', mechanism: 'derogation' }] }),
    ];
    const bases = legalBases(subs, laws);
    expect(bases.map((b) => b.mechanism)).toEqual(['derogation', 'dpf', 'scc']);
    expect(bases.find((b) => b.mechanism === 'scc')).toEqual({
      law: 'eu-gdpr',
      mechanism: 'scc',
      dpv: ['https://w3id.org/dpv/legal/eu/gdpr#A46-2-c'],
    });
    expect(bases.find((b) => b.mechanism === 'dpf')?.dpv).toEqual(['https://w3id.org/dpv/legal/eu/gdpr#A45-3']);
    // A derogation is any of Art. 49(1)(a)-(g): every concept, not a guess at one.
    expect(bases.find((b) => b.mechanism === 'derogation')?.dpv.length).toBeGreaterThan(1);
  });

  it('is in the built document and validates', () => {
    const doc = buildReleaseDocument({
      settings: { controller: { name: 'Acme', country: 'FR' }, noticePeriodDays: 30, categories: [{ id: 'hosting', title: 'Hosting' }] },
      subprocessors: [vendor('a', { locations: [{ place: 'US', mechanism: 'scc' }] })],
      version: '1.0.0',
      releasedAt: new Date('2026-12-01T09:00:00Z'),
      commit: 'a'.repeat(40),
      laws,
    });
    expect(doc.legalBases?.map((b) => b.mechanism)).toEqual(['scc']);
    expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
  });
});
