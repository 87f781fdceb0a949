import { describe, expect, it } from 'vitest';
import type { Law } from '../../scripts/engine/jurisdiction.js';
import type { Release } from '../../scripts/generated/release.js';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { coverageWords } from '../../scripts/release/coverage-words.js';
import { diffReleases } from '../../scripts/release/diff.js';
import { nextFeed } from '../../scripts/release/feed.js';
import { renderPage } from '../../scripts/release/html-page.js';
import { renderCsv } from '../../scripts/release/render-list.js';
import { parseReleaseBytes } from '../../scripts/release/read-release.js';
import { buildReleaseDocument, registryEntry } from '../../scripts/release/release-doc.js';
import { ROOT } from '../helpers/run-cli.js';
import { RELEASED_AT } from './fixtures.js';

/*
 * Each location's coverage under each declared law (schema 1.5.0), on the shipped registry: under the EU GDPR
 * alone and under all three laws, read back through the reader consumers and `subproc diff` use.
 */

const shipped = await loadRegistry(directorySource('registry', ROOT));
if (!shipped.settings) throw new Error('the shipped registry has no settings');
const settings: RegistrySettings = shipped.settings.value;
const subprocessors: readonly Subprocessor[] = shipped.subprocessors.map((s) => s.value);
const lawsOf = (ids: readonly string[]): Law[] =>
  ids.map((id) => {
    const law = shippedLaws().find((l) => l.id === id);
    if (!law) throw new Error(`no shipped law ${id}`);
    return law;
  });

const build = (ids: readonly string[]): Release =>
  buildReleaseDocument({
    settings,
    subprocessors,
    version: '1.0.0',
    releasedAt: new Date(RELEASED_AT),
    commit: 'a'.repeat(40),
    laws: lawsOf(ids),
  });
/** Through the same reader as `verify` and `diff`: JSON bytes, the precompiled release validator. */
const reread = (doc: Release): Release => parseReleaseBytes('subprocessors.json', Buffer.from(JSON.stringify(doc)));
const coverageOf = (doc: Release, id: string, place: string) =>
  doc.subprocessors.find((s) => s.id === id)?.locations.find((l) => l.place === place)?.coverage;

describe('coverage in the release document', () => {
  const eu = build(['eu-gdpr']);
  const three = build(['eu-gdpr', 'uk-gdpr', 'ch-fadp']);

  it('validates for [eu-gdpr] and for [eu-gdpr, uk-gdpr, ch-fadp]', () => {
    expect(reread(eu)).toEqual(eu);
    expect(reread(three)).toEqual(three);
  });

  it('declares the laws in the registry order, with their names and zones', () => {
    expect(eu.jurisdictions).toEqual([{ id: 'eu-gdpr', name: 'EU GDPR', zone: 'EEA' }]);
    expect(three.jurisdictions?.map((j) => j.id)).toEqual(['eu-gdpr', 'uk-gdpr', 'ch-fadp']);
    expect(three.jurisdictions?.[1]).toEqual({ id: 'uk-gdpr', name: 'UK GDPR', zone: 'UK' });
  });

  it('gives every location one item per declared law, in that order', () => {
    for (const doc of [eu, three]) {
      const ids = doc.jurisdictions?.map((j) => j.id);
      for (const entry of doc.subprocessors)
        for (const location of entry.locations) expect(location.coverage?.map((c) => c.law)).toEqual(ids);
    }
  });

  it('shows a US place with the EU DPF alone as a framework under the EU GDPR and uncovered under the UK GDPR and the FADP', () => {
    expect(subprocessors.find((s) => s.id === 'twilio')?.locations).toContainEqual({ place: 'US', mechanism: 'dpf' });
    expect(coverageOf(three, 'twilio', 'US')).toEqual([
      { law: 'eu-gdpr', kind: 'framework', mechanism: 'dpf', article: lawsOf(['eu-gdpr'])[0]?.basis('dpf')?.article },
      { law: 'uk-gdpr', kind: 'none', mechanism: 'dpf', note: 'not-accepted' },
      { law: 'ch-fadp', kind: 'none', mechanism: 'dpf', note: 'not-accepted' },
    ]);
    expect(coverageOf(eu, 'twilio', 'US')).toEqual(coverageOf(three, 'twilio', 'US')?.slice(0, 1));
  });

  it('shows a French place with none as inside the EEA, and adequate under the UK GDPR and the FADP', () => {
    const withings = subprocessors.find((s) => s.id === 'withings');
    const place = withings?.locations.find((l) => l.mechanism === 'none' && l.place === 'FR');
    if (!place) throw new Error('the shipped withings.yaml has no FR place with none');
    expect(coverageOf(three, 'withings', 'FR')?.map((c) => [c.law, c.kind])).toEqual([
      ['eu-gdpr', 'inside-zone'],
      ['uk-gdpr', 'adequacy'],
      ['ch-fadp', 'adequacy'],
    ]);
  });

  it('is no change for versioning or diff: a 1.4.0 document of the same registry reads, and diffs empty against it', () => {
    const v140: Release = {
      ...eu,
      schemaVersion: '1.4.0',
      subprocessors: eu.subprocessors.map((entry) => ({ ...registryEntry(entry), statusOnRelease: entry.statusOnRelease })),
    };
    delete v140.jurisdictions;
    expect(reread(v140)).toEqual(v140);
    expect(diffReleases(v140, three).items).toEqual([]);
  });

  it('leaves coverage out of what the registry wrote', () => {
    for (const entry of three.subprocessors) {
      expect(registryEntry(entry), entry.id).toEqual(subprocessors.find((s) => s.id === entry.id));
    }
  });

  const page = (doc: Release) =>
    renderPage({ doc, changelog: '', feed: nextFeed(undefined, doc, { title: doc.version, blocks: [] }), settings });

  it('shows each place under each declared law on the page, and nothing more under the EU GDPR alone', () => {
    const html = page(three);
    expect(html).toContain(
      '<ul class="coverage"><li>EU GDPR: EU-US Data Privacy Framework (Art. 45(3))</li><li>UK GDPR: not covered: the EU-US Data Privacy Framework is not a transfer mechanism under the UK GDPR</li>',
    );
    expect(html).toContain('<li>Swiss FADP: Adequacy decision');
    expect(page(eu)).not.toContain('class="coverage"');
    // Apart from the schema's new fields, the EU-only page is the page of a document without them.
    const bare: Release = { ...eu, subprocessors: eu.subprocessors.map((e) => ({ ...e, locations: registryEntry(e).locations })) };
    delete bare.jurisdictions;
    expect(page(eu)).toBe(page(bare));
  });

  it('gives the CSV a words and a codes column per declared law, one cell part per place', () => {
    const [header = '', ...rows] = renderCsv(three)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const columns = header.split(',');
    for (const law of ['EU GDPR', 'UK GDPR', 'Swiss FADP']) expect(columns).toContain(`Coverage under ${law}`);
    const codes = columns.indexOf('Coverage codes under uk-gdpr');
    const twilio = rows.find((r) => r.startsWith('twilio,'))?.split(',');
    expect(twilio?.[codes]).toBe('none dpf');
    expect(renderCsv(eu).split('\r\n')[0]).toContain('Coverage under EU GDPR,Coverage codes under eu-gdpr,Status');
  });
});

describe('coverage follows whose data a law counts (review findings 1 and 2)', () => {
  type Place = Subprocessor['locations'][number];
  const vendor = (place: string, mechanism: NonNullable<Place['mechanism']>, users: [string, ...string[]]): Subprocessor => ({
    ...(subprocessors[0] as Subprocessor),
    id: 'scoped',
    name: 'Scoped',
    locations: [{ place, mechanism, users }],
  });
  const docFor = (sub: Subprocessor, transferScope?: RegistrySettings['transferScope']) =>
    buildReleaseDocument({
      settings: { ...settings, ...(transferScope ? { transferScope } : {}) },
      subprocessors: [sub],
      version: '1.0.0',
      releasedAt: new Date(RELEASED_AT),
      commit: 'a'.repeat(40),
      laws: lawsOf(['eu-gdpr', 'uk-gdpr', 'ch-fadp']),
    });

  it('a US place with the EU SCCs for French users only is no transfer under the UK GDPR and the FADP, whatever its mechanism', () => {
    const coverage = coverageOf(docFor(vendor('US', 'scc', ['FR'])), 'scoped', 'US');
    expect(coverage?.map((c) => [c.law, c.kind])).toEqual([
      ['eu-gdpr', 'safeguard'],
      ['uk-gdpr', 'not-a-transfer'],
      ['ch-fadp', 'not-a-transfer'],
    ]);
  });

  it('a French controller sending Brazilian users’ data to Brazil with "none" is uncovered under the EU GDPR (Art. 3(1)), not "no transfer"', () => {
    const doc = docFor(vendor('BR', 'none', ['BR']));
    expect(coverageOf(doc, 'scoped', 'BR')?.[0]).toMatchObject({ law: 'eu-gdpr', kind: 'none', note: 'none-outside-zone' });
    const page = renderPage({ doc, changelog: '', feed: nextFeed(undefined, doc, { title: doc.version, blocks: [] }), settings });
    expect(page).toContain('EU GDPR: not covered');
    expect(page).not.toContain('EU GDPR: no transfer');
  });

  it('counsel’s users-in-zone reading makes the same place no transfer, as the check says', () => {
    const coverage = coverageOf(docFor(vendor('BR', 'none', ['BR']), 'users-in-zone'), 'scoped', 'BR');
    expect(coverage?.[0]).toMatchObject({ law: 'eu-gdpr', kind: 'not-a-transfer' });
  });
});

describe('the page’s words for an uncovered place', () => {
  const located = (location: Subprocessor['locations'][number]): Release =>
    buildReleaseDocument({
      settings,
      subprocessors: [{ ...(subprocessors[0] as Subprocessor), id: 'placed', name: 'Placed', locations: [location] }],
      version: '1.0.0',
      releasedAt: new Date(RELEASED_AT),
      commit: 'a'.repeat(40),
      laws: lawsOf(['eu-gdpr', 'uk-gdpr']),
    });
  const page = (doc: Release) =>
    renderPage({ doc, changelog: '', feed: nextFeed(undefined, doc, { title: doc.version, blocks: [] }), settings });

  it('says the UK Addendum without the EU SCCs covers nothing under the UK GDPR', () => {
    const doc = located({ place: 'IN', mechanism: 'uk-addendum' });
    expect(coverageOf(doc, 'placed', 'IN')?.[1]).toMatchObject({ law: 'uk-gdpr', kind: 'none', note: 'needs-companion' });
    expect(page(doc)).toContain('UK GDPR: not covered: the UK Addendum to the EU SCCs is no safeguard alone');
  });

  it('lets the verb agree with a plural name: the Standard Contractual Clauses are, the UK Addendum is', () => {
    expect(page(located({ place: 'IN', mechanism: 'scc' }))).toContain(
      'UK GDPR: not covered: the Standard Contractual Clauses are not a transfer mechanism under the UK GDPR',
    );
    const uk = { id: 'uk-gdpr', name: 'UK GDPR', zone: 'UK' };
    expect(coverageWords({ law: 'uk-gdpr', kind: 'none', mechanism: 'bcr', note: 'not-yet-in-force' }, uk)).toBe(
      'not covered: the Binding Corporate Rules are not yet in force under the UK GDPR',
    );
    expect(coverageWords({ law: 'uk-gdpr', kind: 'none', mechanism: 'dpf-uk', note: 'not-yet-in-force' }, uk)).toBe(
      'not covered: the UK Extension to the EU-US Data Privacy Framework is not yet in force under the UK GDPR',
    );
  });
});
