import { execFileSync } from 'node:child_process';
import { tempDir, writeTree, type Tree } from './temp-registry.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A real git repository in a temporary folder, built from inline file trees, one commit per call to commit(). */
export function gitRepo(initial: Tree): {
  dir: string;
  git: (...args: string[]) => string;
  commit: (tree: Tree, message: string) => void;
  cleanup: () => void;
} {
  const temp = tempDir('subproc-git-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: temp.dir, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
  git('init', '-q', '-b', 'main');
  const commit = (tree: Tree, message: string) => {
    writeTree(temp.dir, tree);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
  };
  commit(initial, 'initial');
  return { dir: temp.dir, git, commit, cleanup: temp.cleanup };
}
