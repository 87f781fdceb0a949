import { posix } from 'node:path';
import { SUBPROCESSORS_DIR, toPosix } from './layout.js';
import { git, streamBlobs } from './git.js';
import { SourceError, type RegistrySource, type SourceEntry } from './source.js';

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number;
  path: string;
}

/** Parses `git ls-tree -z --long --full-name` output. */
function parseTree(stdout: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = '', size = ''] = record.slice(0, tab).split(/\s+/);
    entries.push({ mode, type, oid, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * Where a symbolic link at `from` leads in the tree, resolved a component at a time as the file system resolves it,
 * so that git answers as the work tree does. An absolute target names a path of whatever machine checks the commit
 * out, never one of the tree (`/../data/acme.yaml` is /data/acme.yaml): outside, as the folder source finds it. A
 * component followed by more must be a folder of the tree (`data/../x` fails on disk when data/ does not exist,
 * though a normalised path would drop it); a folder outside the registry cannot be told, so it counts as outside.
 */
function linkDestination(from: string, written: string, isFolder: (path: string) => boolean | undefined): { readonly path: string } | 'outside' | 'missing' {
  if (written.startsWith('/')) return 'outside';
  const parts = posix.dirname(from).split('/');
  const segments = written.split('/');
  for (const [index, segment] of segments.entries()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return 'outside';
      parts.pop();
      continue;
    }
    parts.push(segment);
    // Anything after a name, even a bare slash, asks for a folder.
    if (index === segments.length - 1) break;
    const folder = isFolder(parts.join('/'));
    if (folder === undefined) return 'outside';
    if (!folder) return 'missing';
  }
  return { path: parts.filter((part) => part !== '').join('/') };
}

/**
 * Reads a registry from a commit without touching the work tree: `git ls-tree` lists it, `git cat-file --batch`
 * reads the blobs in one process. This is how trusted code evaluates an untrusted branch.
 */
export function gitSource(ref: string, dir: string, cwd = process.cwd()): RegistrySource {
  const byFile = new Map<string, TreeEntry>();
  let prefix = '';
  let listing: Promise<SourceEntry[] | undefined> | undefined;

  return {
    label: `${ref}:${toPosix(dir)}`,
    list() {
      // Asked early by a check, to list the base while the head is being read: the first answer is kept.
      listing ??= listTree();
      return listing;
    },
    fileOf(rel) {
      return `${prefix || toPosix(dir)}/${rel}`;
    },
    async read(entry) {
      let bytes: Uint8Array | undefined;
      await readMany([entry], (_index, read) => {
        bytes = read;
      });
      if (!bytes) throw new SourceError('missing-object', `cannot read ${entry.file} at ${ref}`);
      return bytes;
    },
    readMany,
  };

  async function listTree(): Promise<SourceEntry[] | undefined> {
      if (ref.startsWith('-')) throw new SourceError('unknown-ref', `"${ref}" is not a git ref`, 'Name a branch, tag or commit.');
      // One process for both answers: the folder's prefix in the repository, and whether the ref names a commit.
      const verify = await git(['rev-parse', '--show-prefix', '--verify', '--quiet', `${ref}^{commit}`], cwd);
      if (verify.code !== 0) {
        const inRepo = await git(['rev-parse', '--show-toplevel'], cwd);
        if (inRepo.code !== 0) throw new SourceError('not-a-repository', `${cwd} is not inside a git repository`, 'Run the command from a clone of the registry repository.');
        throw new SourceError('unknown-ref', `git ref "${ref}" does not exist`, 'Name an existing branch, tag or commit (git branch -a lists them).');
      }
      const cwdPrefix = (verify.stdout.toString('utf8').split('\n')[0] ?? '').trim();
      prefix = posix.normalize(posix.join(cwdPrefix, toPosix(dir))).replace(/\/$/, '');
      const tree = await git(['ls-tree', '-r', '-t', '-z', '--long', '--full-tree', ref, '--', `${prefix}/`], cwd);
      if (tree.code !== 0) throw new SourceError('git-failed', `cannot list ${prefix} at ${ref}: ${tree.stderr}`);
      const all = parseTree(tree.stdout).filter((e) => e.path.startsWith(`${prefix}/`));
      if (all.length === 0) return undefined;
      for (const e of all) byFile.set(e.path, e);
      const depthOk = (rel: string) => !rel.includes('/') || (rel.startsWith(`${SUBPROCESSORS_DIR}/`) && !rel.slice(SUBPROCESSORS_DIR.length + 1).includes('/'));
      const entries: SourceEntry[] = [];
      for (const e of all) {
        const rel = e.path.slice(prefix.length + 1);
        if (!depthOk(rel)) continue;
        entries.push(await describe(e, rel));
      }
      return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  async function readMany(entries: readonly SourceEntry[], each: (index: number, bytes: Uint8Array) => void): Promise<void> {
    const targets: TreeEntry[] = [];
    for (const entry of entries) {
      const tree = byFile.get(entry.file);
      if (!tree) throw new SourceError('missing-object', `${entry.file} is not in ${ref}`);
      targets.push(tree.mode === '120000' ? await resolveLink(tree) : tree);
    }
    await streamBlobs(
      targets.map((t) => t.oid),
      cwd,
      each,
    );
  }

  async function linkTarget(e: TreeEntry): Promise<string> {
    const blob = await git(['cat-file', 'blob', e.oid], cwd);
    return blob.stdout.toString('utf8');
  }

  /** Whether a path is a folder of the tree: true or false inside the registry or above it, undefined elsewhere. */
  function isFolder(path: string): boolean | undefined {
    if (path === '' || path === prefix || prefix.startsWith(`${path}/`)) return true;
    if (!path.startsWith(`${prefix}/`)) return undefined;
    return byFile.get(path)?.type === 'tree';
  }

  async function resolveLink(e: TreeEntry): Promise<TreeEntry> {
    const written = await linkTarget(e);
    const target = linkDestination(e.path, written, isFolder);
    const found = typeof target === 'string' ? undefined : byFile.get(target.path);
    if (!found) throw new SourceError('missing-object', `${e.path} links to ${written}, which is not in ${ref}`);
    return found;
  }

  async function describe(e: TreeEntry, rel: string): Promise<SourceEntry> {
    const file = e.path;
    if (e.type === 'tree') return { file, relative: rel, kind: 'directory', size: 0 };
    if (e.type !== 'blob') return { file, relative: rel, kind: 'other', size: 0 };
    if (e.mode === '120000') {
      const written = await linkTarget(e);
      const target = linkDestination(e.path, written, isFolder);
      if (target === 'outside' || (target !== 'missing' && !target.path.startsWith(`${prefix}/`))) {
        return { file, relative: rel, kind: 'symlink-outside', size: 0, target: written };
      }
      const found = typeof target === 'string' ? undefined : byFile.get(target.path);
      if (!found || found.type !== 'blob' || found.mode === '120000') return { file, relative: rel, kind: 'broken-symlink', size: 0, target: written };
      return { file, relative: rel, kind: 'file', size: found.size, oid: found.oid };
    }
    return { file, relative: rel, kind: 'file', size: e.size, oid: e.oid };
  }
}
