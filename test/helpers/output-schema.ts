import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CommandOutput } from '../../scripts/generated/output.js';
import { ROOT } from './run-cli.js';

/**
 * schemas/output.schema.json compiled by an Ajv of the test's own, not the one the CLI uses, so the output is
 * checked against the schema file rather than against the code that wrote it.
 */
function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  // json-schema-to-typescript's annotation; it means nothing to validation.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return ajv.compile<CommandOutput>(JSON.parse(readFileSync(join(ROOT, 'schemas/output.schema.json'), 'utf8')) as object);
}

export const validateOutput = compile();
