import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_SETTINGS, subprocessorYaml, tempDir } from './helpers/temp-registry.js';

interface Json {
  summary: { subprocessors: number; errors: number };
  diagnostics: { policy: string; messageId: string; file: string; line: number }[];
}

const base = {
  'registry/registry.yaml': MINIMAL_SETTINGS,
  'registry/subprocessors/alpha.yaml': subprocessorYaml('alpha'),
  'registry/subprocessors/beta.yaml': subprocessorYaml('beta'),
};

describe('reading the registry from a git ref', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((c) => {
      c();
    });
  });
  const repo = (tree: Record<string, string> = base) => {
    const r = gitRepo(tree);
    cleanups.push(r.cleanup);
    return r;
  };

  it('reads committed blobs, not the work tree', () => {
    const r = repo();
    writeFileSync(join(r.dir, 'registry/subprocessors/alpha.yaml'), 'broken: [\n');
    const fromRef = runCli(['validate', '--ref', 'HEAD', '--format', 'json'], r.dir);
    expect(fromRef.code).toBe(0);
    expect((JSON.parse(fromRef.stdout) as Json).summary.subprocessors).toBe(2);
    const fromTree = runCli(['validate', '--format', 'json'], r.dir);
    expect(fromTree.code).toBe(1);
    expect((JSON.parse(fromTree.stdout) as Json).diagnostics[0]).toMatchObject({
      policy: 'yaml-syntax',
      file: 'registry/subprocessors/alpha.yaml',
    });
  });

  it('locates a problem in a committed file by its repository path, from a subfolder too', () => {
    const r = repo();
    r.commit({ 'registry/subprocessors/beta.yaml': subprocessorYaml('beta').replace('status: active', 'status: gone') }, 'break beta');
    const result = runCli(['validate', '..', '--ref', 'HEAD', '--format', 'json'], join(r.dir, 'registry/subprocessors'));
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Json).diagnostics).toEqual([
      expect.objectContaining({ policy: 'schema', messageId: 'enum', file: 'registry/subprocessors/beta.yaml', line: 9 }),
    ]);
  });

  it('compares an older commit: HEAD~1 still has the deleted file', () => {
    const r = repo();
    r.git('rm', '-q', 'registry/subprocessors/beta.yaml');
    r.git('commit', '-q', '-m', 'delete beta');
    expect((JSON.parse(runCli(['validate', '--ref', 'HEAD~1', '--format', 'json'], r.dir).stdout) as Json).summary.subprocessors).toBe(2);
    expect((JSON.parse(runCli(['validate', '--ref', 'HEAD', '--format', 'json'], r.dir).stdout) as Json).summary.subprocessors).toBe(1);
  });

  it('refuses a committed symlink that leaves the registry', () => {
    const r = repo();
    symlinkSync('../../../etc/passwd', join(r.dir, 'registry/subprocessors/gamma.yaml'));
    r.commit({}, 'add link');
    const result = runCli(['validate', '--ref', 'HEAD', '--format', 'json'], r.dir);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Json).diagnostics).toEqual([
      expect.objectContaining({ policy: 'file-format', messageId: 'symlink-outside', file: 'registry/subprocessors/gamma.yaml', line: 1 }),
    ]);
  });

  it('refuses a committed symlink with an absolute target, as the work tree does (not read as relative to the link)', () => {
    // Read as relative, /../data/acme.yaml would be registry/data/acme.yaml: a valid file inside the registry.
    const r = repo({ ...base, 'registry/data/acme.yaml': subprocessorYaml('acme') });
    symlinkSync('/../data/acme.yaml', join(r.dir, 'registry/subprocessors/acme.yaml'));
    r.commit({}, 'add absolute link');
    const fromRef = runCli(['validate', '--ref', 'HEAD', '--format', 'json'], r.dir);
    expect(fromRef.code, fromRef.stdout).toBe(1);
    expect((JSON.parse(fromRef.stdout) as Json).diagnostics).toEqual([
      expect.objectContaining({ policy: 'file-format', messageId: 'symlink-outside', file: 'registry/subprocessors/acme.yaml', line: 1 }),
    ]);
    // The work tree resolves the link from the root of the machine: /data/acme.yaml, which is no file of the registry.
    const fromTree = runCli(['validate', '--format', 'json'], r.dir);
    expect(fromTree.code).toBe(1);
    expect((JSON.parse(fromTree.stdout) as Json).diagnostics).toEqual([
      expect.objectContaining({ policy: 'file-format', file: 'registry/subprocessors/acme.yaml', line: 1 }),
    ]);
  });

  it('refuses a committed symlink through a folder the tree does not have, as the work tree does', () => {
    // Normalised, nothing/../../data/acme.yaml would be registry/data/acme.yaml; on disk, nothing/ must exist first.
    const r = repo({ ...base, 'registry/data/acme.yaml': subprocessorYaml('acme') });
    symlinkSync('nothing/../../data/acme.yaml', join(r.dir, 'registry/subprocessors/acme.yaml'));
    r.commit({}, 'add link through a missing folder');
    for (const args of [
      ['validate', '--ref', 'HEAD', '--format', 'json'],
      ['validate', '--format', 'json'],
    ]) {
      const result = runCli(args, r.dir);
      expect(result.code, args.join(' ')).toBe(1);
      expect((JSON.parse(result.stdout) as Json).diagnostics, args.join(' ')).toEqual([
        expect.objectContaining({ policy: 'file-format', messageId: 'broken-symlink', file: 'registry/subprocessors/acme.yaml', line: 1 }),
      ]);
    }
  });

  it('follows a committed symlink that stays inside the registry', () => {
    const r = repo();
    symlinkSync('alpha.yaml', join(r.dir, 'registry/subprocessors/alias.yaml'));
    r.commit({}, 'add link');
    const result = runCli(['validate', '--ref', 'HEAD', '--format', 'json'], r.dir);
    // The link's content is alpha's, so its id does not match its own name.
    expect((JSON.parse(result.stdout) as Json).diagnostics).toEqual([
      expect.objectContaining({ policy: 'file-name', messageId: 'id-mismatch', file: 'registry/subprocessors/alias.yaml', line: 1 }),
    ]);
  });

  it('an unknown ref is a usage error (exit 2), not a finding', () => {
    const r = repo();
    const result = runCli(['validate', '--ref', 'no-such-branch'], r.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'subproc: git ref "no-such-branch" does not exist\n  Name an existing branch, tag or commit (git branch -a lists them).\n',
    );
  });

  it('outside a git repository, --ref is an environment error (exit 2)', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const result = runCli(['validate', '--ref', 'HEAD'], temp.dir, { GIT_CEILING_DIRECTORIES: temp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
  });

  it('a ref without the registry folder is exit 2', () => {
    const r = repo({ 'README.md': 'nothing here\n' });
    const result = runCli(['validate', '--ref', 'HEAD'], r.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no registry at HEAD:registry');
  });
});
