import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAjv, SCHEMA_FILES, schemaId, validatorFor, type SchemaKind } from '../scripts/registry/schemas.js';
import { ROOT } from './helpers/run-cli.js';

const kinds = Object.keys(SCHEMA_FILES) as SchemaKind[];

describe('precompiled validators', () => {
  it.each(kinds)('%s: the build made one from the current schemas, and it is the one used', (kind) => {
    const validate = validatorFor(kind) as unknown as { digest?: string };
    expect(typeof validate.digest).toBe('string');
  });

  const broken = {
    ...(parse(readFileSync(join(ROOT, 'registry/subprocessors/klarna.yaml'), 'utf8')) as Record<string, unknown>),
    catgory: 'payment',
    status: 'actve',
    since: '2025-02-30',
    retired: { on: 'soon' },
  };

  it('report exactly what Ajv compiling the schema at start-up reports', () => {
    const fresh = createAjv().getSchema(schemaId('subprocessor'));
    const pre = validatorFor('subprocessor');
    expect(fresh?.(broken)).toBe(false);
    expect(pre(broken)).toBe(false);
    const strip = (errors: typeof pre.errors) =>
      (errors ?? []).map((e) => ({
        keyword: e.keyword,
        instancePath: e.instancePath,
        schemaPath: e.schemaPath,
        params: e.params,
        parentSchema: e.parentSchema,
      }));
    expect(strip(pre.errors)).toEqual(strip(fresh?.errors));
  });
});
