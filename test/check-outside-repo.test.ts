import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-cli.js';
import { copyOfShippedRegistry } from './helpers/temp-registry.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('check of a folder outside the repository the command runs in', () => {
  it('checks the copy without a base instead of failing on git’s "outside repository"', () => {
    const repo = gitRepo({ 'README.md': 'a clone\n' });
    const copy = copyOfShippedRegistry();
    cleanups.push(repo.cleanup, copy.cleanup);
    const run = runCli(['check', join(copy.dir, 'registry')], repo.dir);
    expect(run.stderr).not.toMatch(/outside repository|cannot list/);
    expect(run.stdout + run.stderr).toMatch(/no base to compare with/i);
    // The shipped registry has warnings only: a run that judged it exits 0.
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/vague-location/);
  });

  it('still refuses a base the user named, since it is a revision of this clone', () => {
    const repo = gitRepo({ 'README.md': 'a clone\n' });
    const copy = copyOfShippedRegistry();
    cleanups.push(repo.cleanup, copy.cleanup);
    const run = runCli(['check', join(copy.dir, 'registry'), '--base', 'main'], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/outside repository/);
  });

  it('says a --base needs a repository when the command runs outside any, rather than that the ref does not exist', () => {
    const copy = copyOfShippedRegistry();
    cleanups.push(copy.cleanup);
    const run = runCli(['check', '--base', 'main'], copy.dir, { GIT_CEILING_DIRECTORIES: copy.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not inside a git repository/);
    expect(run.stderr).not.toMatch(/does not exist/);
  });
});
