import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { packageRoot } from '../paths.js';
import { toPosix } from './layout.js';

/*
 * Where the `# yaml-language-server: $schema=…` line of a written registry file points. The line is committed, so
 * it must resolve for everyone who clones the repository, offline: a path relative to the file, never a URL and
 * never a path into one machine's npm cache.
 *
 * - When the installed package lies inside the repository (this repository, or an adopter's after `npm install
 *   subproc`: node_modules/subproc), the line points at its editor schemas: they change with the package, so an
 *   upgrade never leaves a stale copy behind. node_modules is ignored by git, but the adopter's package.json
 *   depends on subproc, so `npm install` brings the file back for every contributor.
 * - Otherwise (`npx subproc init` run from the npm cache before any install), the editor schemas are copied into
 *   REGISTRY/.schemas/ and the line points there: committed with the registry, they resolve at once. The registry
 *   loader ignores folders other than subprocessors/, so the copies are never read as data.
 */

/** The registry files that carry a `$schema` line, and the editor schema each points at. */
export type EditorSchemaKind = 'registry' | 'subprocessor';

export const EDITOR_SCHEMA_KINDS: readonly EditorSchemaKind[] = ['registry', 'subprocessor'];

/** The editor schemas, generated from the validation schemas by `npm run gen:editor-schemas`, inside the package. */
export const EDITOR_SCHEMA_DIR = 'schemas/editor';

/** The folder, inside a registry, that holds copies of the editor schemas when the package is outside the repository. */
export const SCHEMA_COPY_DIR = '.schemas';

export function editorSchemaFile(kind: EditorSchemaKind): string {
  return `${EDITOR_SCHEMA_DIR}/${kind}.schema.json`;
}

export interface SchemaReferences {
  /** The folder holding the schemas the lines point at: the package's, or the copies beside the registry. */
  readonly dir: string;
  /** Whether `dir` holds copies that `writeSchemaCopies` must write. */
  readonly copied: boolean;
  /** The `$schema` value for a file written at `file` (absolute): a POSIX path relative to the file's folder. */
  referenceFor(file: string, kind: EditorSchemaKind): string;
}

/**
 * The repository a registry belongs to: the nearest folder, from the registry's parent up, that holds `.git` or
 * `package.json`; the registry's parent when none does.
 */
export function repositoryRootOf(registryDir: string): string {
  const start = dirname(resolve(registryDir));
  for (let dir = start; ; ) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Decides, for a registry folder, where every `$schema` line written into it points (see the top of this file). */
export function schemaReferences(registryDir: string, options: { packageRoot?: string; repositoryRoot?: string } = {}): SchemaReferences {
  const root = options.packageRoot ?? packageRoot;
  const repository = options.repositoryRoot ?? repositoryRootOf(registryDir);
  const copied = !isInside(root, repository);
  const dir = copied ? join(resolve(registryDir), SCHEMA_COPY_DIR) : join(root, EDITOR_SCHEMA_DIR);
  return {
    dir,
    copied,
    referenceFor(file, kind) {
      const target = join(dir, `${kind}.schema.json`);
      const rel = toPosix(relative(dirname(resolve(file)), target));
      return rel.startsWith('../') ? rel : `./${rel}`;
    },
  };
}

/** Writes the copies a registry's `$schema` lines point at, when they point at copies; the package's own otherwise. */
export async function writeSchemaCopies(references: SchemaReferences, options: { packageRoot?: string } = {}): Promise<string[]> {
  if (!references.copied) return [];
  const root = options.packageRoot ?? packageRoot;
  await mkdir(references.dir, { recursive: true });
  const written: string[] = [];
  for (const kind of EDITOR_SCHEMA_KINDS) {
    const target = join(references.dir, `${kind}.schema.json`);
    await writeFile(target, readFileSync(join(root, editorSchemaFile(kind))));
    written.push(target);
  }
  return written;
}
