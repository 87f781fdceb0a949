import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaReferences, SCHEMA_COPY_DIR, writeSchemaCopies } from '../scripts/registry/schema-ref.js';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

/** Where a written `# yaml-language-server: $schema=…` line points, resolved from its file. */
export function schemaTarget(file: string): string {
  const line = /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!line) throw new Error(`${file} has no $schema line`);
  return resolve(dirname(file), line);
}

/**
 * An adopter's repository after `npm install subproc`: the package as npm lays it out, a copy under
 * node_modules/subproc (a copy, not a symlink: Node resolves a symlinked package to its real path, outside the
 * repository), its own dependencies reached through a link.
 */
export function adopterRepository(dir: string): string {
  const installed = join(dir, 'node_modules', 'subproc');
  mkdirSync(installed, { recursive: true });
  for (const part of ['package.json', 'bin', 'build', 'schemas', 'policies'])
    cpSync(join(ROOT, part), join(installed, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  return installed;
}

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
    const installed = adopterRepository(repo);
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
