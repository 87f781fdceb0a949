import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type formatsModule from 'ajv-formats';
import { packageRoot } from '../paths.js';
import { lazyRequire, precompiledModule } from './lazy-modules.js';

export const SCHEMA_FILES = {
  subprocessor: 'schemas/subprocessor.schema.json',
  registry: 'schemas/registry.schema.json',
  output: 'schemas/output.schema.json',
  countries: 'schemas/countries.schema.json',
  jurisdiction: 'schemas/jurisdiction.schema.json',
  release: 'schemas/release.schema.json',
} as const;

export type SchemaKind = keyof typeof SCHEMA_FILES;

/** Schemas other schemas refer to: every validator is compiled with them. */
const SHARED_SCHEMAS = ['schemas/common.schema.json', SCHEMA_FILES.subprocessor] as const;

export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

const FORMATS = ['date', 'date-time'] as const;

function schemaText(relative: string): string {
  return readFileSync(join(packageRoot, relative), 'utf8');
}

/** Identifies the schema sources a precompiled validator was made from, so a stale one is never used. */
export function schemaDigest(kind: SchemaKind): string {
  const hash = createHash('sha256');
  for (const file of [...SHARED_SCHEMAS, SCHEMA_FILES[kind]]) hash.update(schemaText(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The Ajv that compiles the schemas, at build time (standalone code) or at start-up when none was built. Loaded on
 * demand: with precompiled validators, a run never loads the compiler at all.
 */
export function createAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = lazyRequire('ajv/dist/2020') as { Ajv2020: typeof Ajv2020 };
  const addFormats = (lazyRequire('ajv-formats') as typeof formatsModule).default;
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv, [...FORMATS]);
  // json-schema-to-typescript's annotation for the generated type; no meaning for validation.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const file of SHARED_SCHEMAS) ajv.addSchema(JSON.parse(schemaText(file)) as object);
  return ajv;
}

export function schemaId(kind: SchemaKind): string {
  return String((JSON.parse(schemaText(SCHEMA_FILES[kind])) as { $id: unknown }).$id);
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** The precompiled validator of `kind`, when the build made one from the schemas as they are now. */
function precompiled(kind: SchemaKind): ValidateFunction | undefined {
  // Ajv's standalone module exports the validate function itself.
  const validate = precompiledModule(kind) as (ValidateFunction & { digest?: string }) | undefined;
  return validate?.digest === schemaDigest(kind) ? validate : undefined;
}

/**
 * The validator of a schema: precompiled by the build (start-up then pays no schema compilation), else compiled
 * on first use with the same options.
 */
export function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = precompiled(kind);
    if (!validate) {
      ajv ??= createAjv();
      const id = schemaId(kind);
      validate = ajv.getSchema(id) ?? ajv.compile(JSON.parse(schemaText(SCHEMA_FILES[kind])) as object);
    }
    compiled.set(kind, validate);
  }
  return validate;
}
