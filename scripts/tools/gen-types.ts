import { rm, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { GENERATED_DIR, renderSchemaTypes, TYPED_SCHEMAS } from './schema-types.js';

const dir = join(packageRoot, GENERATED_DIR);
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
for (const name of TYPED_SCHEMAS) {
  await writeFile(join(dir, `${name}.ts`), await renderSchemaTypes(packageRoot, name));
  console.log(`wrote ${GENERATED_DIR}/${name}.ts`);
}
