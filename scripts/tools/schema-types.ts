import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

/** The schemas whose types the code uses; each one's declarations go to scripts/generated/NAME.ts. */
export const TYPED_SCHEMAS = ['subprocessor', 'registry', 'output', 'countries', 'jurisdiction', 'release', 'diff'] as const;

export const GENERATED_DIR = join('scripts', 'generated');

const BANNER = '/* Generated from schemas/{{name}}.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */';

/** Renders the TypeScript declarations of one schema; stable for a given schema and library version. */
export async function renderSchemaTypes(root: string, name: (typeof TYPED_SCHEMAS)[number]): Promise<string> {
  const file = join(root, 'schemas', `${name}.schema.json`);
  const schema = JSON.parse(await readFile(file, 'utf8')) as JSONSchema;
  const ts = await compile(schema, name, {
    bannerComment: BANNER.replace('{{name}}', name),
    cwd: join(root, 'schemas'),
    additionalProperties: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return ts;
}
