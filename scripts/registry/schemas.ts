import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { packageRoot } from '../paths.js';

export const SCHEMA_FILES = {
  subprocessor: 'schemas/subprocessor.schema.json',
  registry: 'schemas/registry.schema.json',
  output: 'schemas/output.schema.json',
  countries: 'schemas/countries.schema.json',
  'policy-data': 'schemas/policy-data.schema.json',
  release: 'schemas/release.schema.json',
} as const;

export type SchemaKind = keyof typeof SCHEMA_FILES;

// ajv-formats is CommonJS: Node hands ESM its module.exports, whose `default` property is the plugin itself.
const addFormats = formatsModule.default;

function readSchema(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageRoot, relative), 'utf8')) as Record<string, unknown>;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** One Ajv instance for the process, schemas compiled on first use: start-up pays only for what a command needs. */
function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ['date', 'date-time']);
    // json-schema-to-typescript's annotation for the generated type; no meaning for validation.
    ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
    ajv.addSchema(readSchema('schemas/common.schema.json'));
    // The release embeds subprocessor entries by reference.
    ajv.addSchema(readSchema(SCHEMA_FILES.subprocessor));
  }
  return ajv;
}

export function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    const schema = readSchema(SCHEMA_FILES[kind]);
    validate = instance().getSchema(String(schema.$id)) ?? instance().compile(schema);
    compiled.set(kind, validate);
  }
  return validate;
}
