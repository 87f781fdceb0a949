import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageRoot } from '../paths.js';
import { shippedLaws } from '../pipeline/shipped.js';
import { EDITOR_SCHEMA_KINDS, editorSchemaFile } from '../registry/schema-ref.js';
import { renderEditorSchema } from './editor-schemas.js';

// Regenerates schemas/editor/ after a change to the schemas, the place list or a law's mechanisms;
// test/editor-schemas.test.ts fails until it has run.
for (const kind of EDITOR_SCHEMA_KINDS) {
  const file = join(packageRoot, editorSchemaFile(kind));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderEditorSchema(packageRoot, kind, shippedLaws()));
  console.log(`wrote ${editorSchemaFile(kind)}`);
}
