import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { changeItems, computeChange, releaseLevel } from '../../scripts/engine/change.js';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { ScopeCondition, Subprocessor } from '../../scripts/generated/subprocessor.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { buildRelease } from '../../scripts/release/build.js';
import { buildReleaseDocument, RELEASE_SCHEMA_VERSION } from '../../scripts/release/release-doc.js';
import { ROOT } from '../helpers/run-cli.js';
import { RELEASED_AT } from './fixtures.js';

/*
 * Product, feature and residency scopes (when:) through the change model, the version plan and the release, on the
 * shipped registry with scopes declared and one or two vendors scoped.
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
const settings: RegistrySettings = {
  ...shipped.settings.value,
  scopes: [
    { id: 'ai-features', kind: 'feature', title: 'AI features' },
    { id: 'eu-cloud', kind: 'residency', title: 'EU cloud' },
    { id: 'us-cloud', kind: 'residency', title: 'US cloud' },
  ],
};
const subprocessors: readonly Subprocessor[] = shipped.subprocessors.map((s) => s.value);
const laws = shippedLaws();

/** The shipped list with Vertex AI scoped to AI features, and Twilio's one place to `twilioWhen`. */
function scoped(twilioWhen?: ScopeCondition): Subprocessor[] {
  return subprocessors.map((s) => {
    if (s.id === 'google-vertex-ai') return { ...s, when: { feature: ['ai-features'] } };
    if (s.id === 'twilio' && twilioWhen) return { ...s, locations: [{ place: 'US', mechanism: 'dpf', when: twilioWhen }] };
    return s;
  });
}

const change = (before: readonly Subprocessor[], after: readonly Subprocessor[]) =>
  computeChange({ entries: new Map(before.map((s) => [s.id, s])) }, { entries: new Map(after.map((s) => [s.id, s])) });

describe('a scope in the change model', () => {
  const twilio = (when: ScopeCondition | undefined) => scoped(when);
  it('a residency added to the list is widened: a minor release', () => {
    const c = change(twilio({ residency: ['eu-cloud'] }), twilio({ residency: ['eu-cloud', 'us-cloud'] }));
    expect(changeItems(c).map((i) => i.kind)).toEqual(['scope-widened']);
    expect(releaseLevel(c)).toBe('minor');
  });
  it('a residency replaced by another is widened too: customers of the other residency are new to it', () => {
    const c = change(twilio({ residency: ['eu-cloud'] }), twilio({ residency: ['us-cloud'] }));
    expect(changeItems(c).map((i) => i.kind)).toEqual(['scope-widened']);
  });
  it('a scope added where there was none is narrowed: a patch', () => {
    const c = change(twilio(undefined), twilio({ residency: ['eu-cloud'] }));
    expect(changeItems(c).map((i) => i.kind)).toEqual(['scope-narrowed']);
    expect(releaseLevel(c)).toBe('patch');
  });
  it('the same ids in another order is only an edit', () => {
    const c = change(twilio({ residency: ['eu-cloud', 'us-cloud'] }), twilio({ residency: ['us-cloud', 'eu-cloud'] }));
    expect(changeItems(c).map((i) => i.kind)).toEqual(['edited']);
  });
});

describe('a release with scopes', () => {
  const previous = buildReleaseDocument({
    settings,
    subprocessors: scoped({ residency: ['eu-cloud'] }),
    version: '1.4.0',
    releasedAt: new Date(RELEASED_AT),
    commit: 'a'.repeat(40),
    laws,
  });
  const result = buildRelease({
    settings,
    subprocessors: scoped({ residency: ['eu-cloud', 'us-cloud'] }),
    previous: { doc: previous },
    releasedAt: new Date(RELEASED_AT),
    commit: 'b'.repeat(40),
    reissue: false,
    laws,
  });
  if (!result.built) throw new Error('no release built');
  const text = (name: Parameters<typeof result.files.get>[0]) => result.files.get(name)?.toString('utf8') ?? '';

  it('carries the declared scopes with their titles and each when:, and validates against the current release schema', () => {
    expect(result.kind).toBe('minor');
    expect(result.doc.schemaVersion).toBe(RELEASE_SCHEMA_VERSION);
    expect(result.doc.scopes).toEqual(settings.scopes);
    expect(result.doc.subprocessors.find((s) => s.id === 'google-vertex-ai')?.when).toEqual({ feature: ['ai-features'] });
    expect(result.doc.subprocessors.find((s) => s.id === 'twilio')?.locations[0]?.when).toEqual({ residency: ['eu-cloud', 'us-cloud'] });
    expect(validateRelease(result.doc), JSON.stringify(validateRelease.errors)).toBe(true);
  });

  it('a document naming a kind that does not exist fails the release schema', () => {
    const broken = structuredClone(result.doc);
    const vertex = broken.subprocessors.find((s) => s.id === 'google-vertex-ai');
    if (!vertex) throw new Error('no vertex');
    Object.assign(vertex, { when: { region: ['eu-cloud'] } });
    expect(validateRelease(broken)).toBe(false);
  });

  it('the changelog announces the widened residency among the changes that need notice, in titles', () => {
    const notes = text('CHANGELOG.md');
    const [notice = '', other = ''] = notes.split('## Other changes');
    expect(notice).toContain('Twilio changes when data goes to US: only in EU cloud or US cloud (was only in EU cloud).');
    expect(other).not.toContain('Twilio');
  });

  it('the Markdown list says the scope in words, the vendor’s after its name and the place’s after the place', () => {
    const row = (name: string) =>
      text('subprocessors.md')
        .split('\n')
        .find((l) => l.includes(name)) ?? '';
    expect(row('Vertex')).toMatch(/^\| [^|]*Vertex[^|]* \(only with AI features\) \|/);
    expect(row('Twilio')).toContain('| US (only in EU cloud or US cloud) |');
  });

  it('an added feature-scoped vendor is announced with its scope', () => {
    const base = subprocessors.find((s) => s.id === 'twilio');
    if (!base) throw new Error('no twilio');
    const added = buildRelease({
      settings,
      subprocessors: [...scoped(), { ...base, id: 'acme-ai', name: 'Acme AI', when: { feature: ['ai-features'] } }],
      previous: { doc: previous },
      releasedAt: new Date(RELEASED_AT),
      commit: 'c'.repeat(40),
      reissue: false,
      laws,
    });
    if (!added.built) throw new Error('no release built');
    expect(added.files.get('CHANGELOG.md')?.toString('utf8')).toMatch(/Added Acme AI \([^)]*\), only with AI features/);
  });
});
