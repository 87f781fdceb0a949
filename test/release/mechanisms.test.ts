import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { changeItems, computeChange, releaseLevel, type ChangeItem } from '../../scripts/engine/change.js';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Location, Subprocessor } from '../../scripts/generated/subprocessor.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { mechanismsOf } from '../../scripts/registry/location-mechanisms.js';
import { buildRelease } from '../../scripts/release/build.js';
import { buildReleaseDocument, registryEntry } from '../../scripts/release/release-doc.js';
import { ROOT } from '../helpers/run-cli.js';
import { RELEASED_AT } from './fixtures.js';

/*
 * A location's mechanisms in order (mechanisms: [dpf, scc]) through the change model, the version plan and every
 * rendering of a release, on the shipped registry with one vendor changed.
 */

const addFormats = formatsModule.default;
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv, ['date', 'date-time']);
ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
ajv.addSchema(schema('common.schema.json'));
ajv.addSchema(schema('subprocessor.schema.json'));
const validateRelease = ajv.compile(schema('release.schema.json'));

const shipped = await loadRegistry(directorySource('registry', ROOT));
if (!shipped.settings) throw new Error('the shipped registry has no settings');
const settings: RegistrySettings = shipped.settings.value;
const subprocessors: readonly Subprocessor[] = shipped.subprocessors.map((s) => s.value);
const laws = shippedLaws();

/** The shipped list with Twilio's US place (dpf in the shipped file) stated as `location`. */
function withTwilioUs(location: Omit<Location, 'place'>): Subprocessor[] {
  return subprocessors.map((s) => (s.id === 'twilio' ? { ...s, locations: [{ place: 'US', ...location }] } : s));
}

function change(before: readonly Subprocessor[], after: readonly Subprocessor[]) {
  const side = (list: readonly Subprocessor[]) => ({ entries: new Map(list.map((s) => [s.id, s])) });
  return computeChange(side(before), side(after));
}

const kinds = (items: readonly ChangeItem[]) => items.map((i) => i.kind);

describe('mechanismsOf', () => {
  it('reads the list as written, the single field as a list of one, and nothing while unknown', () => {
    expect(mechanismsOf({ mechanisms: ['dpf', 'scc'] })).toEqual(['dpf', 'scc']);
    expect(mechanismsOf({ mechanism: 'scc' })).toEqual(['scc']);
    expect(mechanismsOf({})).toEqual([]);
  });
});

describe('the change model', () => {
  it('a mechanism added to the list is mechanism-changed, a notice and a minor release, before and after as lists', () => {
    const c = change(withTwilioUs({ mechanism: 'dpf' }), withTwilioUs({ mechanisms: ['dpf', 'scc'] }));
    const items = changeItems(c);
    expect(kinds(items)).toEqual(['mechanism-changed']);
    expect(items[0]).toMatchObject({ before: ['dpf'], after: ['dpf', 'scc'] });
    expect(releaseLevel(c)).toBe('minor');
  });

  it('a mechanism dropped from the list is mechanism-changed too', () => {
    const c = change(withTwilioUs({ mechanisms: ['dpf', 'scc'] }), withTwilioUs({ mechanisms: ['scc'] }));
    expect(changeItems(c)[0]).toMatchObject({ kind: 'mechanism-changed', before: ['dpf', 'scc'], after: ['scc'] });
  });

  it('the same mechanisms in another order are an edit only: a patch release, no notice', () => {
    const c = change(withTwilioUs({ mechanisms: ['dpf', 'scc'] }), withTwilioUs({ mechanisms: ['scc', 'dpf'] }));
    const items = changeItems(c);
    expect(kinds(items)).toEqual(['edited']);
    expect(items[0]).toMatchObject({ fields: [{ field: 'locations[US].mechanisms', before: ['dpf', 'scc'], after: ['scc', 'dpf'] }] });
    expect(releaseLevel(c)).toBe('patch');
  });

  it('mechanism: dpf rewritten as mechanisms: [dpf] is an edit of form, not a changed mechanism', () => {
    const c = change(withTwilioUs({ mechanism: 'dpf' }), withTwilioUs({ mechanisms: ['dpf'] }));
    expect(kinds(changeItems(c))).toEqual(['edited']);
    expect(releaseLevel(c)).toBe('patch');
  });
});

describe('a release with mechanisms in order', () => {
  const previous = buildReleaseDocument({
    settings,
    subprocessors,
    version: '1.4.0',
    releasedAt: new Date(RELEASED_AT),
    commit: 'a'.repeat(40),
    laws,
  });
  const next = withTwilioUs({ mechanisms: ['dpf', 'scc'] });
  const result = buildRelease({
    settings,
    subprocessors: next,
    previous: { doc: previous },
    releasedAt: new Date(RELEASED_AT),
    commit: 'b'.repeat(40),
    reissue: false,
    laws,
  });
  if (!result.built) throw new Error('no release built');
  const text = (name: Parameters<typeof result.files.get>[0]) => result.files.get(name)?.toString('utf8') ?? '';

  it('is a minor release whose document carries the list as written and validates against the release schema', () => {
    expect(result.kind).toBe('minor');
    expect(result.doc.version).toBe('1.5.0');
    const twilio = result.doc.subprocessors.find((s) => s.id === 'twilio');
    expect(twilio && registryEntry(twilio).locations).toEqual([{ place: 'US', mechanisms: ['dpf', 'scc'] }]);
    // One item per law handed in; under the EU GDPR, the first of the list that holds there: the vendor's framework.
    const coverage = twilio?.locations[0]?.coverage ?? [];
    expect(coverage.map((c) => c.law)).toEqual(laws.map((law) => law.id));
    expect(coverage.find((c) => c.law === 'eu-gdpr')).toMatchObject({ kind: 'framework', mechanism: 'dpf' });
    expect(validateRelease(result.doc), JSON.stringify(validateRelease.errors)).toBe(true);
  });

  it('names every listed mechanism in legalBases', () => {
    const mechanisms = new Set(result.doc.legalBases?.map((b) => b.mechanism));
    expect(mechanisms.has('dpf')).toBe(true);
    expect(mechanisms.has('scc')).toBe(true);
  });

  it('the changelog tells customers of the change, the list in words, among the notices', () => {
    expect(text('CHANGELOG.md')).toContain('Twilio changes the transfer mechanism for US from dpf to dpf, else scc.');
  });

  it('the CSV and the Markdown list say the order', () => {
    const csvRow = text('subprocessors.csv')
      .split('\n')
      .find((l) => l.includes('Twilio'));
    expect(csvRow).toContain('"EU-US Data Privacy Framework, else Standard Contractual Clauses"');
    expect(csvRow).toContain('"dpf, scc"');
    const mdRow = text('subprocessors.md')
      .split('\n')
      .find((l) => l.includes('Twilio'));
    expect(mdRow).toContain('dpf, else scc');
  });

  it('a document holding both mechanism and mechanisms on one location fails the release schema', () => {
    const broken = structuredClone(result.doc);
    const twilio = broken.subprocessors.find((s) => s.id === 'twilio');
    if (!twilio) throw new Error('no twilio');
    twilio.locations = [{ place: 'US', mechanism: 'dpf', mechanisms: ['dpf', 'scc'] }];
    expect(validateRelease(broken)).toBe(false);
  });
});
