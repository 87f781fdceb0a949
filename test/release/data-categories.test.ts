import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { changeItems, computeChange } from '../../scripts/engine/change.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { buildReleaseDocument, RELEASE_SCHEMA_VERSION } from '../../scripts/release/release-doc.js';
import { renderMarkdown } from '../../scripts/release/render-list.js';
import { ROOT } from '../helpers/run-cli.js';
import { RELEASED_AT } from './fixtures.js';

/* dataCategories and dataSubjects, as the shipped registry and one changed vendor carry them into a release. */

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
formatsModule.default(ajv, ['date', 'date-time']);
ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
ajv.addSchema(schema('common.schema.json'));
ajv.addSchema(schema('subprocessor.schema.json'));
const validateRelease = ajv.compile(schema('release.schema.json'));

const shipped = await loadRegistry(directorySource('registry', ROOT));
if (!shipped.settings) throw new Error('the shipped registry has no settings');
const settings = shipped.settings.value;
const subprocessors: readonly Subprocessor[] = shipped.subprocessors.map((s) => s.value);

/** The shipped list with Zendesk given categories, subjects, and a place whose own list replaces them. */
const edited = subprocessors.map((s): Subprocessor => {
  if (s.id !== 'zendesk') return s;
  const [first, ...rest] = s.locations;
  return {
    ...s,
    dataCategories: ['contact', 'communications', 'health'],
    dataSubjects: ['customers', 'end-users'],
    locations: [{ ...first, dataCategories: ['contact'] }, ...rest],
  };
});

const doc = (list: readonly Subprocessor[]) =>
  buildReleaseDocument({
    settings,
    subprocessors: list,
    version: '1.0.0',
    releasedAt: new Date(RELEASED_AT),
    commit: 'a'.repeat(40),
    laws: shippedLaws(),
  });

describe('data categories in a release', () => {
  it('the document carries them as written, in the current schema, and validates', () => {
    const release = doc(edited);
    expect(release.schemaVersion).toBe(RELEASE_SCHEMA_VERSION);
    const zendesk = release.subprocessors.find((s) => s.id === 'zendesk');
    expect(zendesk).toMatchObject({ dataCategories: ['contact', 'communications', 'health'], dataSubjects: ['customers', 'end-users'] });
    expect(zendesk?.locations[0]?.dataCategories).toEqual(['contact']);
    expect(validateRelease(release), JSON.stringify(validateRelease.errors)).toBe(true);
  });

  it('the release schema refuses an id outside the vocabulary', () => {
    const release = JSON.parse(JSON.stringify(doc(edited)).replace('"communications"', '"communicatons"')) as unknown;
    expect(validateRelease(release)).toBe(false);
  });

  it('the Markdown list says them in words, special ones marked, a place’s own list named', () => {
    const rows = renderMarkdown(doc(edited), 'Subprocessors').split('\n');
    expect(rows.find((l) => l.includes('Zendesk'))).toContain('Data: Contact data, Communications content, Health data (Art. 9); in ');
    expect(rows.find((l) => l.includes('Zendesk'))).toMatch(/in [A-Z_]+: Contact data, about customers, end users\. \|$/);
    expect(rows.find((l) => l.includes('HeartBeat Health'))).toContain('Data: Health data (Art. 9).');
    expect(rows.find((l) => l.includes('Signifyd'))).not.toContain('Data:');
  });

  it('adding health data is special-data-added (notice); the other categories and the subjects are edits of the vendor', () => {
    const side = (list: readonly Subprocessor[]) => ({ entries: new Map(list.map((s) => [s.id, s])) });
    const items = changeItems(computeChange(side(subprocessors), side(edited)));
    expect(items.map((i) => i.kind)).toEqual(['special-data-added', 'edited']);
    expect(items[0]).toMatchObject({ categories: ['health'] });
    const edit = items.find((i) => i.kind === 'edited');
    const fields = edit?.kind === 'edited' ? edit.fields.map((f) => f.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['dataSubjects']));
    expect(fields.some((f) => f.endsWith('.dataCategories'))).toBe(true);
  });
});
