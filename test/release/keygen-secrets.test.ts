import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPublicKey, formatSecretKey, generateKeyPair } from '../../scripts/release/minisign.js';
import { gitRepo } from '../helpers/git-repo.js';
import { tempDir } from '../helpers/temp-registry.js';
import { RELEASED_AT, shippedRegistryTree, subproc } from './fixtures.js';

/*
 * Issue 12, point 10: keygen never overwrites a secret without --force and never writes one where the repository
 * is, whatever links lie on the way; no child process (git) of release or build sees SUBPROC_SIGNING_KEY.
 */

const repo = gitRepo({ 'README.md': 'registry\n' });
const outside = tempDir('subproc-keygen-');
afterAll(() => {
  repo.cleanup();
  outside.cleanup();
});
const at = (...parts: string[]) => join(repo.dir, ...parts);
const out = (...parts: string[]) => join(outside.dir, ...parts);
const SECRET = /^SUBPROC-ED25519-[A-Za-z0-9+/]{56}\n$/;

/** Nothing new in the repository's work tree. */
const untracked = () =>
  repo
    .git('status', '--porcelain', '--untracked-files=all')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('keygen and an existing secret file', () => {
  it('refuses to overwrite it without --force: exit 2, the secret and the public key untouched', () => {
    writeFileSync(out('kept.key'), 'the key releases are signed with\n');
    const result = subproc(['keygen', '--out', out('keys-kept'), '--secret-file', out('kept.key')], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--secret-file ${out('kept.key')} already exists: it may hold the key your releases are signed with`);
    expect(result.stderr).toContain('--force');
    expect(readFileSync(out('kept.key'), 'utf8')).toBe('the key releases are signed with\n');
    // Nothing was written: not even the public key of a pair whose secret was never saved.
    expect(existsSync(out('keys-kept'))).toBe(false);
  });

  it('replaces it with --force, mode 600', () => {
    writeFileSync(out('replaced.key'), 'old\n');
    chmodSync(out('replaced.key'), 0o644);
    const result = subproc(['keygen', '--force', '--out', out('keys-replaced'), '--secret-file', out('replaced.key')], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out('replaced.key'), 'utf8')).toMatch(SECRET);
    expect(statSync(out('replaced.key')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [
      'a folder',
      () => {
        mkdirSync(out('a-folder.key'));
      },
      'a-folder.key',
      /is a directory, not a file for the key/,
    ],
    ['a file in a folder that does not exist', () => undefined, 'no-such-folder/x.key', /the folder of --secret-file .* does not exist/],
  ])('refuses %s: exit 2 with its own message', (_name, make, name, message) => {
    make();
    const result = subproc(['keygen', '--force', '--out', out(`keys-${name.replace(/\W/g, '-')}`), '--secret-file', out(name)], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('internal error');
  });
});

describe('keygen never writes the secret inside the repository, links followed', () => {
  it.each([
    [
      'a link outside to a new file inside (the link itself is the secret file)',
      () => {
        symlinkSync(at('via-link.key'), out('link-to-new.key'));
      },
      'link-to-new.key',
      'via-link.key',
    ],
    [
      'a link outside to an existing file inside, with --force',
      () => {
        writeFileSync(at('existing-inside.key'), '');
        symlinkSync(at('existing-inside.key'), out('link-to-existing.key'));
      },
      'link-to-existing.key',
      'existing-inside.key',
    ],
    [
      'a chain of links that ends inside',
      () => {
        symlinkSync(at('chained.key'), out('chain-2.key'));
        symlinkSync(out('chain-2.key'), out('chain-1.key'));
      },
      'chain-1.key',
      'chained.key',
    ],
    [
      'a relative link that climbs into the repository',
      () => {
        symlinkSync(join('..', ...repo.dir.split('/').slice(-1), 'relative.key'), out('relative-link.key'));
      },
      'relative-link.key',
      'relative.key',
    ],
  ])('refuses %s: exit 2, nothing written inside', (_name, make, link, target) => {
    make();
    const before = existsSync(at(target)) ? readFileSync(at(target), 'utf8') : undefined;
    const result = subproc(['keygen', '--force', '--out', out(`pub-${link}`), '--secret-file', out(link)], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the secret key must not be written inside the repository');
    expect(existsSync(at(target)) ? readFileSync(at(target), 'utf8') : undefined).toBe(before);
    expect(existsSync(out(`pub-${link}`))).toBe(false);
  });

  it('refuses a path inside the repository from a subfolder of it (the top level, not the working folder)', () => {
    mkdirSync(at('sub'), { recursive: true });
    const result = subproc(['keygen', '--out', out('pub-sub'), '--secret-file', '../from-sub.key'], at('sub'));
    expect(result.code).toBe(2);
    expect(existsSync(at('from-sub.key'))).toBe(false);
  });

  it('outside git, the working folder is the repository: a secret under it is refused', () => {
    const plain = out('not-a-repository');
    mkdirSync(plain);
    const result = subproc(['keygen', '--secret-file', 'here.key'], plain);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the secret key must not be written inside the repository');
    expect(existsSync(join(plain, 'here.key'))).toBe(false);
    expect(existsSync(join(plain, 'keys'))).toBe(false);
    expect(untracked()).toEqual(expect.not.arrayContaining([expect.stringContaining('here.key')]));
  });

  // Found by the hostile pass (150 random link layouts): run from outside, keygen judged only the working folder.
  it('run from another folder, refuses a path inside a git repository all the same', () => {
    const elsewhere = out('elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(at('from-elsewhere.key'), out('into-repo.key'));
    for (const secret of [at('direct.key'), out('into-repo.key')]) {
      const result = subproc(['keygen', '--out', out('pub-elsewhere'), '--secret-file', secret], elsewhere);
      expect(result.code, secret).toBe(2);
      expect(result.stderr).toContain('the secret key must not be written inside the repository');
    }
    expect(existsSync(at('direct.key'))).toBe(false);
    expect(existsSync(at('from-elsewhere.key'))).toBe(false);
  });

  it('a link outside to a file outside is followed: the secret lands at the target', () => {
    symlinkSync(out('real-target.key'), out('outside-link.key'));
    const result = subproc(['keygen', '--out', out('pub-outside'), '--secret-file', out('outside-link.key')], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out('real-target.key'), 'utf8')).toMatch(SECRET);
    expect(statSync(out('real-target.key')).mode & 0o777).toBe(0o600);
  });

  it('left nothing in the repository', () => {
    // existing-inside.key is the test's own target file, written empty before keygen refused to follow the link.
    expect(untracked().filter((line) => line !== '?? existing-inside.key')).toEqual([]);
  });
});

describe('child processes of release and build never see SUBPROC_SIGNING_KEY', () => {
  const work = gitRepo(shippedRegistryTree());
  const bin = tempDir('subproc-fake-git-');
  afterAll(() => {
    work.cleanup();
    bin.cleanup();
  });
  const log = join(bin.dir, 'git-env.log');
  // A git that records the environment it was given, then runs the real one.
  writeFileSync(join(bin.dir, 'git'), `#!/bin/sh\nenv >> "$GIT_ENV_LOG"\necho '----' >> "$GIT_ENV_LOG"\nexec /usr/bin/git "$@"\n`, {
    mode: 0o755,
  });
  const pair = generateKeyPair();
  const secret = formatSecretKey(pair.secretKey);

  it.each([
    ['release', ['release', '--out', 'dist-env', '--released-at', RELEASED_AT]],
    ['build', ['build', '--out', 'dist-build-env', '--released-at', RELEASED_AT]],
    ['keygen', ['keygen', '--out', out('pub-env'), '--secret-file', out('env.key')]],
  ])('%s runs git without the key in its environment', (_name, args) => {
    mkdirSync(join(work.dir, 'keys'), { recursive: true });
    writeFileSync(join(work.dir, 'keys', 'minisign.pub'), formatPublicKey(pair.publicKey));
    writeFileSync(log, '');
    const result = subproc(args, work.dir, {
      SUBPROC_SIGNING_KEY: secret,
      GIT_ENV_LOG: log,
      PATH: `${bin.dir}:${process.env.PATH ?? ''}`,
    });
    expect(result.code, result.stderr).toBe(0);
    const recorded = readFileSync(log, 'utf8');
    expect(recorded).toContain('----');
    expect(recorded).toContain(`GIT_ENV_LOG=${log}`);
    expect(recorded).not.toContain('SUBPROC_SIGNING_KEY');
    expect(recorded).not.toContain(secret.slice('SUBPROC-ED25519-'.length, 40));
  });
});
