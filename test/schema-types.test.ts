import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, renderSchemaTypes, TYPED_SCHEMAS } from '../scripts/tools/schema-types.js';
import { ROOT } from './helpers/run-cli.js';

describe('generated types', () => {
  it.each(TYPED_SCHEMAS)(
    'scripts/generated/%s.ts matches schemas/%s.schema.json (run npm run gen:types after a schema change)',
    async (name) => {
      const checkedIn = readFileSync(join(ROOT, GENERATED_DIR, `${name}.ts`), 'utf8');
      expect(checkedIn).toBe(await renderSchemaTypes(ROOT, name));
    },
  );
});
