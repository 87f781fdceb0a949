import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_WORDS, PATTERN_WORDS } from '../scripts/registry/ajv-messages.js';
import { validatorFor } from '../scripts/registry/schemas.js';
import { ROOT } from './helpers/run-cli.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const schemaFiles = readdirSync(join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json'));
const schemas = schemaFiles.map((file) => ({ file, schema: JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as Json }));

/** Every object under `properties` in a schema, with its path, so each can be checked for a description. */
function properties(node: Json, path: string[] = []): { path: string; schema: Json }[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => properties(item, [...path, String(i)]));
  const out: { path: string; schema: Json }[] = [];
  for (const [key, value] of Object.entries(node)) {
    // Conditions (if/not) restate properties declared elsewhere; they are not declarations.
    if (key === 'if' || key === 'not') continue;
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, sub] of Object.entries(value)) out.push({ path: [...path, name].join('.'), schema: sub });
    }
    out.push(...properties(value, [...path, key]));
  }
  return out;
}

function collect(node: Json, key: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item) => collect(item, key));
  return Object.entries(node).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : collect(v, key)));
}

describe('schemas', () => {
  it.each(schemas)('$file is JSON Schema 2020-12 with an $id', ({ schema }) => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: expect.stringMatching(/^https:\/\//) as unknown,
    });
  });

  it.each(schemas)('every property in $file has a description', ({ schema }) => {
    const missing = properties(schema)
      .filter(({ schema: s }) => !(s && typeof s === 'object' && !Array.isArray(s) && typeof s.description === 'string'))
      .map((p) => p.path);
    expect(missing).toEqual([]);
  });

  it.each(schemas)('every object in $file refuses unknown properties', ({ schema }) => {
    const open: string[] = [];
    const walk = (node: Json, path: string) => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${path}/${i}`);
        });
        return;
      }
      // A map (propertyNames plus a schema for the values) is closed in its own way.
      const isMap = node.propertyNames !== undefined && typeof node.additionalProperties === 'object';
      if (node.type === 'object' && node.additionalProperties !== false && !isMap) open.push(path || '/');
      for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
    };
    walk(schema, '');
    expect(open).toEqual([]);
  });

  it('every pattern and format the schemas use has words for contributors', () => {
    const all = schemas.map((s) => s.schema);
    expect(all.flatMap((s) => collect(s, 'pattern')).filter((p) => !(p in PATTERN_WORDS))).toEqual([]);
    expect(all.flatMap((s) => collect(s, 'format')).filter((f) => !(f in FORMAT_WORDS))).toEqual([]);
  });

  it('the country list matches its schema and holds ISO codes only', () => {
    const list = JSON.parse(readFileSync(join(ROOT, 'policies/data/countries.json'), 'utf8')) as { countries: { code: string }[] };
    expect(validatorFor('countries')(list)).toBe(true);
    const codes = list.countries.map((c) => c.code);
    expect(codes).toHaveLength(249);
    expect(new Set(codes).size).toBe(249);
    expect(codes).toEqual(expect.arrayContaining(['GR', 'GB', 'NO', 'FR', 'US']));
    expect(codes).not.toContain('EL');
    expect(codes).not.toContain('UK');
  });

  it.each(readdirSync(join(ROOT, 'policies/data/transfers')))('the transfer facts %s match the one schema for every law', (name) => {
    const law = JSON.parse(readFileSync(join(ROOT, 'policies/data/transfers', name), 'utf8')) as {
      id: string;
      zone: { regions: string[] };
    };
    const validate = validatorFor('jurisdiction');
    expect(validate(law), JSON.stringify(validate.errors)).toBe(true);
    // The file is found by the law's id: a registry's `jurisdictions:` will name it.
    expect(name).toBe(`${law.id}.json`);
  });

  describe('the jurisdiction schema refuses a fact without its source or its date', () => {
    type Entry = Record<string, Json>;
    const shipped = () => JSON.parse(readFileSync(join(ROOT, 'policies/data/transfers/eu-gdpr.json'), 'utf8')) as Record<string, Json>;
    const entries = (law: Record<string, Json>, key: string) => law[key] as Entry[];
    const refuses = (law: Record<string, Json>) => {
      const validate = validatorFor('jurisdiction');
      expect(validate(shipped())).toBe(true);
      expect(validate(law)).toBe(false);
      return validate.errors ?? [];
    };
    const without = (entry: Entry, field: string): Entry => Object.fromEntries(Object.entries(entry).filter(([k]) => k !== field));

    it.each(['source', 'checkedOn'])('an adequacy entry without %s', (field) => {
      const law = shipped();
      const [first, ...rest] = entries(law, 'adequacy');
      law.adequacy = [without(first ?? {}, field), ...rest];
      expect(refuses(law)).toContainEqual(
        expect.objectContaining({ keyword: 'required', instancePath: '/adequacy/0', params: { missingProperty: field } }),
      );
    });

    it('an adequacy entry whose source is not a web address', () => {
      const law = shipped();
      const [first, ...rest] = entries(law, 'adequacy');
      law.adequacy = [{ ...first, source: 'Commission Decision 2010/625/EU' }, ...rest];
      expect(refuses(law)).toContainEqual(expect.objectContaining({ keyword: 'pattern', instancePath: '/adequacy/0/source' }));
    });

    it.each(['source', 'checkedOn'])('an invalidated mechanism without %s', (field) => {
      const law = shipped();
      law.invalidated = entries(law, 'invalidated').map((i) => without(i, field));
      expect(refuses(law)).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: field } }));
    });

    it('a court case without its status', () => {
      const law = shipped();
      law.adequacy = entries(law, 'adequacy').map((d) =>
        Array.isArray(d.challenges) ? { ...d, challenges: (d.challenges as Entry[]).map((c) => without(c, 'status')) } : d,
      );
      expect(refuses(law)).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'status' } }));
    });

    it('a zone without a source, and a mechanism without its article', () => {
      const law = shipped();
      law.zone = without(law.zone as Entry, 'source');
      law.mechanisms = entries(law, 'mechanisms').map((m) => without(m, 'article'));
      const errors = refuses(law);
      expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/zone', params: { missingProperty: 'source' } }));
      expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/mechanisms/0', params: { missingProperty: 'article' } }));
    });
  });
});
