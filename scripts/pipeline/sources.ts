import { directorySource } from '../registry/dir-source.js';
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

/** What `check` compares, for the command line and the library alike: the head, and the merge base it is judged against. */
export async function checkSources(
  input: CheckSourcesInput,
): Promise<{ head: RegistrySource; base?: { readonly source: RegistrySource; readonly label: string } }> {
  const head = registrySource(input.dir, input.cwd, input.head);
  const resolved =
    input.base === null
      ? undefined
      : await resolveBase(input.cwd, {
          ...(input.head !== undefined ? { head: input.head } : {}),
          ...(input.base !== undefined ? { requested: input.base } : {}),
          expected: input.expected,
        });
  return resolved ? { head, base: { source: gitSource(resolved.commit, input.dir, input.cwd), label: resolved.label } } : { head };
}
