import { isAbsolute, relative, resolve } from 'node:path';
import { directorySource } from '../registry/dir-source.js';
import { git } from '../registry/git.js';
import { gitSource } from '../registry/git-source.js';
import type { RegistrySource } from '../registry/source.js';
import { resolveBase } from './base.js';

/** The registry folder `dir` of the work tree, or of a git revision when `ref` is given. */
export function registrySource(dir: string, cwd: string, ref?: string): RegistrySource {
  return ref !== undefined ? gitSource(ref, dir, cwd) : directorySource(dir, cwd);
}

export interface CheckSourcesInput {
  readonly cwd: string;
  readonly dir: string;
  /** A git revision for the head; the work tree when left out. */
  readonly head?: string;
  /** The revision to compare with (its merge base with the head is used); null: no base; left out: the default branch. */
  readonly base?: string | null;
  /** Finding no base is an error rather than a check without history (a CI job). */
  readonly expected: boolean;
}

/**
 * Whether the work-tree folder `dir` lies outside the repository around `cwd` (a copy in /tmp checked from inside a
 * clone): that repository's default branch says nothing about it, and git refuses paths outside it.
 */
async function outsideRepository(cwd: string, dir: string): Promise<boolean> {
  const beneath = relative(cwd, resolve(cwd, dir));
  // A folder beneath the current one is in its repository, if there is one: no git process on every check's start.
  if (!beneath.startsWith('..') && !isAbsolute(beneath)) return false;
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) return false;
  const inside = relative(top.stdout.toString('utf8').trim(), resolve(cwd, dir));
  return inside.startsWith('..') || isAbsolute(inside);
}

/** What `check` compares, for the command line and the library alike: the head, and the merge base it is judged against. */
export async function checkSources(
  input: CheckSourcesInput,
): Promise<{ head: RegistrySource; base?: { readonly source: RegistrySource; readonly label: string } }> {
  const head = registrySource(input.dir, input.cwd, input.head);
  // Only the default base is dropped for such a folder (the run says no base was found): a named one is an error to see.
  const noBase =
    input.base === null || (input.base === undefined && input.head === undefined && (await outsideRepository(input.cwd, input.dir)));
  const resolved = noBase
    ? undefined
    : await resolveBase(input.cwd, {
        ...(input.head !== undefined ? { head: input.head } : {}),
        ...(input.base !== undefined ? { requested: input.base } : {}),
        expected: input.expected,
      });
  return resolved ? { head, base: { source: gitSource(resolved.commit, input.dir, input.cwd), label: resolved.label } } : { head };
}
