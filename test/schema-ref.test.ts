import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaReferences, SCHEMA_COPY_DIR, writeSchemaCopies } from '../scripts/registry/schema-ref.js';
import { adopterRepository } from './helpers/adopter.js';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

describe('the $schema line of a written registry file', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);

  it('points at the package schemas in this repository', () => {
    const references = schemaReferences(join(ROOT, 'registry'));
    expect(references.copied).toBe(false);
    expect(references.referenceFor(join(ROOT, 'registry/registry.yaml'), 'registry')).toBe('../schemas/editor/registry.schema.json');
    const file = join(ROOT, 'registry/subprocessors/aws.yaml');
    expect(references.referenceFor(file, 'subprocessor')).toBe('../../schemas/editor/subprocessor.schema.json');
    expect(existsSync(resolve(dirname(file), references.referenceFor(file, 'subprocessor')))).toBe(true);
  });

  it('points into node_modules/subproc in an adopter repository where the package is installed', () => {
    const repo = join(temp.dir, 'adopter');
    const { installed } = adopterRepository(repo);
    const references = schemaReferences(join(repo, 'registry'), { packageRoot: installed });
    const file = join(repo, 'registry/subprocessors/acme.yaml');
    expect(references.copied).toBe(false);
    expect(references.referenceFor(file, 'subprocessor')).toBe('../../node_modules/subproc/schemas/editor/subprocessor.schema.json');
    expect(existsSync(resolve(dirname(file), references.referenceFor(file, 'subprocessor')))).toBe(true);
  });

  it('points at copies beside the registry when the package lies outside the repository (npx from the cache)', async () => {
    const repo = join(temp.dir, 'fresh');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const references = schemaReferences(join(repo, 'registry'));
    expect(references.copied).toBe(true);
    expect(references.dir).toBe(join(repo, 'registry', SCHEMA_COPY_DIR));
    const settings = join(repo, 'registry/registry.yaml');
    expect(references.referenceFor(settings, 'registry')).toBe('./.schemas/registry.schema.json');
    expect(references.referenceFor(join(repo, 'registry/subprocessors/a.yaml'), 'subprocessor')).toBe(
      '../.schemas/subprocessor.schema.json',
    );
    await writeSchemaCopies(references);
    const copy = readFileSync(resolve(dirname(settings), references.referenceFor(settings, 'registry')), 'utf8');
    expect(copy).toBe(readFileSync(join(ROOT, 'schemas/editor/registry.schema.json'), 'utf8'));
  });
});
