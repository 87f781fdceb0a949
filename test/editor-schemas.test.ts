import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shippedLaws } from '../scripts/pipeline/shipped.js';
import { countryList } from '../scripts/registry/places.js';
import { EDITOR_SCHEMA_KINDS, editorSchemaFile } from '../scripts/registry/schema-ref.js';
import { renderEditorSchema } from '../scripts/tools/editor-schemas.js';
import { ROOT } from './helpers/run-cli.js';
import { vendorYaml } from './helpers/vendor-yaml.js';

type Node = Record<string, unknown>;

function editorSchema(kind: (typeof EDITOR_SCHEMA_KINDS)[number]): Node {
  return JSON.parse(readFileSync(join(ROOT, editorSchemaFile(kind)), 'utf8')) as Node;
}

/** Every node of a schema with its JSON pointer. */
function* nodes(value: unknown, path = ''): Generator<[string, Node]> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* nodes(item, `${path}/${i}`);
  else if (typeof value === 'object' && value !== null) {
    yield [path, value as Node];
    for (const [key, child] of Object.entries(value)) yield* nodes(child, `${path}/${key}`);
  }
}

function validator(kind: (typeof EDITOR_SCHEMA_KINDS)[number]) {
  // Not strict: the editor keywords (errorMessage, enumDescriptions…) are yaml-language-server's, unknown to Ajv.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv, ['date']);
  return ajv.compile(editorSchema(kind));
}

describe('editor schemas (schemas/editor/)', () => {
  it.each(EDITOR_SCHEMA_KINDS)('%s is up to date with the schemas, the places and the laws (run npm run gen:editor-schemas)', (kind) => {
    expect(readFileSync(join(ROOT, editorSchemaFile(kind)), 'utf8')).toBe(renderEditorSchema(ROOT, kind, shippedLaws()));
  });

  it.each(EDITOR_SCHEMA_KINDS)('%s is self-contained: no $ref or $id an offline editor would have to fetch', (kind) => {
    for (const [path, node] of nodes(editorSchema(kind))) {
      expect(node.$ref, path).toBeUndefined();
      expect(node.$id, path).toBeUndefined();
    }
  });

  it.each(EDITOR_SCHEMA_KINDS)('%s words every pattern, date and "not" for a contributor, never as a regular expression', (kind) => {
    let patterns = 0;
    for (const [path, node] of nodes(editorSchema(kind))) {
      expect(node.not, path).toBeUndefined();
      if (typeof node.pattern === 'string') {
        patterns++;
        expect(node.patternErrorMessage, path).toMatch(/^[A-Z].*\.$/);
        expect(String(node.patternErrorMessage)).not.toMatch(/[\^$\\[\]]/);
      }
      if (node.format === 'date') expect(node.errorMessage, path).toContain('YYYY-MM-DD');
      if (Array.isArray(node.enumDescriptions)) expect(node.enumDescriptions.length, path).toBe((node.enum as unknown[]).length);
    }
    expect(patterns).toBeGreaterThan(0);
  });

  const subprocessor = editorSchema('subprocessor');
  const location = ((subprocessor.properties as Node).locations as Node).items as Node;
  const place = (location.properties as Node).place as Node;
  const mechanism = (location.properties as Node).mechanism as Node;

  it('offers every ISO code and region as a place, each with its name', () => {
    const list = countryList();
    expect(place.enum).toEqual([...list.countries.map((c) => c.code), ...list.regions.map((r) => r.code)]);
    const words = place.enumDescriptions as string[];
    expect(words[(place.enum as string[]).indexOf('DE')]).toBe('Germany');
    expect(words[(place.enum as string[]).indexOf('EEA')]).toBe('Region: European Economic Area');
    expect(words[(place.enum as string[]).indexOf('WORLD')]).toMatch(/^Region: anywhere in the world \(vague: /);
  });

  it('offers the mechanisms a law accepts, in words, and not the invalidated ones', () => {
    expect(mechanism.enum).toEqual([
      'none',
      'adequacy',
      'dpf',
      'scc',
      'bcr',
      'code-of-conduct',
      'certification',
      'ad-hoc-clauses',
      'derogation',
      'dpf-uk',
      'dpf-ch',
      'uk-idta',
      'uk-addendum',
    ]);
    const words = mechanism.enumDescriptions as string[];
    // One id, its basis under each law that accepts it, the EU GDPR's first.
    expect(words[3]).toMatch(
      /^Standard Contractual Clauses, EU GDPR Art\. 46\(2\)\(c\), Decision \(EU\) 2021\/914\. .*Swiss FADP Art\. 16\(2\)\(d\)/,
    );
    expect(words[12]).toBe(
      'UK Addendum to the EU Standard Contractual Clauses, UK GDPR Art. 46(2)(d), DPA 2018 s.119A (in force 2022-03-21).',
    );
    expect(String(mechanism.errorMessage)).toContain('privacy-shield (EU-US Privacy Shield) was invalidated on 2020-07-16');
  });

  it('accepts every file of the shipped registry, as the validation schemas do', () => {
    const settings = validator('registry');
    expect(settings(parse(readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'))), JSON.stringify(settings.errors)).toBe(true);
    const entry = validator('subprocessor');
    const dir = join(ROOT, 'registry/subprocessors');
    for (const name of readdirSync(dir)) {
      expect(entry(parse(readFileSync(join(dir, name), 'utf8'))), `${name}: ${JSON.stringify(entry.errors)}`).toBe(true);
    }
  });

  it('rejects what the loader rejects as a place and what a policy rejects as a mechanism', () => {
    const entry = validator('subprocessor');
    expect(entry(parse(vendorYaml('acme', { locations: [{ place: 'DE', mechanism: 'none' }] })))).toBe(true);
    expect(entry(parse(vendorYaml('acme', { locations: [{ place: 'XX', mechanism: 'none' }] })))).toBe(false);
    expect(entry(parse(vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'privacy-shield' }] })))).toBe(false);
    expect(entry(parse(vendorYaml('acme', { status: 'retired' })))).toBe(false);
  });
});
