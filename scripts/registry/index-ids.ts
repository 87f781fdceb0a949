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
  const [listed, dirty, autocrlf] = await Promise.all([
    git(['ls-files', '--stage', '-v', '-z', ...pathspec], folder).catch(() => undefined),
    git(['diff-files', '--name-only', '--relative', '-z', ...pathspec], folder).catch(() => undefined),
    git(['config', '--get', 'core.autocrlf'], folder).catch(() => undefined),
  ]);
  const ids = new Map<string, string>();
  if (listed?.code !== 0 || dirty?.code !== 0) return ids;
  // With autocrlf, git writes a text file to the work tree with other line endings than its blob has: the blob's id
  // names other bytes than the file's, so no id is vouched for.
  const crlf = autocrlf?.stdout.toString('utf8').trim().toLowerCase();
  if (crlf === 'true' || crlf === 'input') return ids;
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
  for (const path of await converted([...ids.keys()], folder)) ids.delete(path);
  return ids;
}

/** The attributes under which the work-tree copy of a file is not its blob's bytes (gitattributes(5), "Checking-out and checking-in"). */
const CONVERSIONS = ['filter', 'text', 'eol', 'crlf', 'ident', 'working-tree-encoding'];

/**
 * The paths git converts between blob and work tree: a clean/smudge filter (git-lfs, git-crypt), end-of-line
 * conversion, $Id$ expansion, another encoding. Their blob ids name bytes other than the file's, so they are read. A
 * git that cannot answer leaves every path out.
 */
async function converted(paths: readonly string[], folder: string): Promise<readonly string[]> {
  if (paths.length === 0) return [];
  const answer = await git(['check-attr', '-z', '--stdin', ...CONVERSIONS], folder, `${paths.join('\0')}\0`).catch(() => undefined);
  if (answer?.code !== 0) return paths;
  // "<path>\0<attribute>\0<value>\0" for each path and attribute asked.
  const fields = answer.stdout.toString('utf8').split('\0');
  const out = new Set<string>();
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [path, , value] = [fields[i], fields[i + 1], fields[i + 2]];
    if (path !== undefined && value !== undefined && value !== 'unspecified' && value !== 'unset') out.add(path);
  }
  return [...out];
}
