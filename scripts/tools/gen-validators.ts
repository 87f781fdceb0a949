import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { _ } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { packageRoot } from '../paths.js';
import { VALIDATORS_DIR } from '../registry/lazy-modules.js';
import { createAjv, SCHEMA_FILES, schemaDigest, schemaId, type SchemaKind } from '../registry/schemas.js';

// Ajv standalone code, one CommonJS module per schema (it calls require()), stamped with the digest of the schemas
// it came from so that the loader never runs a validator older than the schemas.
const ajv = createAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
const dir = join(packageRoot, VALIDATORS_DIR);
await mkdir(dir, { recursive: true });
for (const kind of Object.keys(SCHEMA_FILES) as SchemaKind[]) {
  const validate =
    ajv.getSchema(schemaId(kind)) ?? ajv.compile(JSON.parse(readFileSync(join(packageRoot, SCHEMA_FILES[kind]), 'utf8')) as object);
  const code = standaloneCode.default(ajv, validate);
  await writeFile(join(dir, `${kind}.cjs`), `${code}\nmodule.exports.digest = ${JSON.stringify(schemaDigest(kind))};\n`);
}
