import { git } from './git.js';

/**
 * The git blob ids of the files under `folder` (the registry's root) whose work-tree copy git's index vouches
 * for, by path relative to `folder`: what `git status` would call unchanged. `git ls-files` gives each entry's id;
 * `git diff-files` names every entry whose stat data differ from the index, or whose content differs where the
 * stat data cannot tell (a racily clean entry, modified within the second the index was written): those are left
 * out, and read. So are untracked files, conflicted entries, links, and entries marked assume-unchanged or
 * skip-worktree, whose stat data git does not compare. Outside a repository, or if git fails, the map is empty:
 * every file is then read and hashed, as before.
 *
 * Like `git status`, this answers for the moment git looked: a file rewritten after that is read as git saw it.
 */
export async function indexedIds(folder: string, within: string): Promise<ReadonlyMap<string, string>> {
  const pathspec = ['--', `${within}/`];
  const [listed, dirty] = await Promise.all([
    git(['ls-files', '--stage', '-v', '-z', ...pathspec], folder).catch(() => undefined),
    git(['diff-files', '--name-only', '--relative', '-z', ...pathspec], folder).catch(() => undefined),
  ]);
  const ids = new Map<string, string>();
  if (listed?.code !== 0 || dirty?.code !== 0) return ids;
  const changed = new Set(dirty.stdout.toString('utf8').split('\0'));
  for (const record of listed.stdout.toString('utf8').split('\0')) {
    // "<tag> <mode> <oid> <stage>\t<path>"; tag H is a plain cached entry (h: assume-unchanged, S: skip-worktree).
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [tag, mode, oid, stage] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (tag !== 'H' || stage !== '0' || (mode !== '100644' && mode !== '100755') || oid === undefined) continue;
    if (!changed.has(path)) ids.set(path, oid);
  }
  return ids;
}
