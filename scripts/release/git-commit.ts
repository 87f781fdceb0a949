import { git } from '../registry/git.js';

/** The commit a release is built from; "uncommitted" when the registry has changes git does not hold yet. */
export async function sourceCommit(cwd: string, dir: string): Promise<string> {
  const head = await git(['rev-parse', 'HEAD'], cwd).catch(() => undefined);
  if (head?.code !== 0) return 'uncommitted';
  const status = await git(['status', '--porcelain', '--', dir], cwd);
  if (status.code !== 0 || status.stdout.length > 0) return 'uncommitted';
  return head.stdout.toString('utf8').trim();
}
