import { git } from '../registry/git.js';
import { SourceError } from '../registry/source.js';

/** What a change is compared with: a commit, and how messages name it. */
export interface ResolvedBase {
  readonly commit: string;
  readonly label: string;
}

const FETCH_HINT = 'Fetch the history that joins them: git fetch --unshallow (in GitHub Actions, actions/checkout with fetch-depth: 0).';

async function revParse(ref: string, cwd: string): Promise<string | undefined> {
  // `--end-of-options` keeps a ref that starts with "-" from being read as an option.
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).catch(() => undefined);
  return result?.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** Asked only once a ref was not found: a folder outside any repository has no refs at all, which is the real news. */
async function insideRepository(cwd: string): Promise<boolean> {
  const result = await git(['rev-parse', '--show-toplevel'], cwd).catch(() => undefined);
  return result?.code === 0;
}

async function mergeBase(head: string, other: string, cwd: string): Promise<string | undefined> {
  const result = await git(['merge-base', '--end-of-options', head, other], cwd).catch(() => undefined);
  return result?.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** The merge base of `head` and `ref`, named after `ref` when it is that commit itself; throws when there is none. */
export async function mergeBaseWith(cwd: string, head: string, ref: string): Promise<ResolvedBase> {
  // Both at once: on a check of the shipped registry, each git process run one after another adds about 10 ms.
  const [tip, commit] = await Promise.all([revParse(ref, cwd), mergeBase(head, `${ref}^{commit}`, cwd)]);
  if (!tip && !(await insideRepository(cwd)))
    throw new SourceError(
      'not-a-repository',
      `${cwd} is not inside a git repository`,
      'Run the command from a clone of the registry repository, or leave out --base.',
    );
  if (!tip)
    throw new SourceError(
      'unknown-ref',
      `git ref "${ref}" does not exist`,
      'Name an existing branch, tag or commit (git branch -a lists them).',
    );
  if (!commit) throw new SourceError('no-merge-base', `${head} and ${ref} have no merge base in this clone`, FETCH_HINT);
  return { commit, label: commit === tip ? ref : `merge base with ${ref} (${commit.slice(0, 12)})` };
}

/**
 * The base of a change review: always the merge base of the head with the branch it will merge into, never that
 * branch's tip (whatever was merged there since the branch was cut is not the change's doing). Fails closed: a
 * base that was asked for, or a default branch that exists, without a merge base is an environment error (exit
 * 2), never a review that silently skips the history policies.
 *
 * - `requested` (--base REF, the bot's base branch): the merge base of head and REF.
 * - otherwise main, then origin/main, when either exists; none existing means no base, unless `expected` (a CI job).
 */
export async function resolveBase(
  cwd: string,
  options: { readonly head?: string; readonly requested?: string; readonly expected?: boolean },
): Promise<ResolvedBase | undefined> {
  const head = options.head ?? 'HEAD';
  if (options.requested !== undefined) return mergeBaseWith(cwd, head, options.requested);
  const branches: string[] = [];
  for (const branch of ['main', 'origin/main']) {
    // One git process when the branch exists and shares history with the head, as on every check in a clone; only
    // a failure asks whether the branch exists at all.
    const commit = await mergeBase(head, `${branch}^{commit}`, cwd);
    if (commit) return { commit, label: `merge base with ${branch} (${commit.slice(0, 12)})` };
    if (await revParse(branch, cwd)) branches.push(branch);
  }
  if (branches.length > 0) {
    throw new SourceError(
      'no-merge-base',
      `${head} has no merge base with ${branches.join(' or ')} in this clone`,
      `${FETCH_HINT} Or pass --no-base to check without history.`,
    );
  }
  if (options.expected) {
    throw new SourceError(
      'no-merge-base',
      'a review in CI needs a base, and neither main nor origin/main is in this clone',
      'Pass --base with the target branch, and fetch it (actions/checkout with fetch-depth: 0).',
    );
  }
  return undefined;
}
