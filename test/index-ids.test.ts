import { cpSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobId } from '../scripts/registry/file-cache.js';
import { indexedIds } from '../scripts/registry/index-ids.js';
import { filesIn } from './helpers/cached-runs.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { copyOfShippedRegistry } from './helpers/temp-registry.js';

const TODAY = ['--today', '2026-11-30'];
const TWILIO = 'registry/subprocessors/twilio.yaml';
/** A whole second: git keeps the index's and the entries' times in seconds and nanoseconds, both then exact. */
const SECOND = 1_700_000_000;

const cleanups: (() => void)[] = [];
afterAll(() => {
  cleanups.splice(0).forEach((c) => {
    c();
  });
});

function shippedRepo() {
  const repo = gitRepo({ '.gitignore': '.subproc-cache/\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  cleanups.push(repo.cleanup);
  return repo;
}

/** The same bytes with one value replaced by one of the same length, so that the size cannot tell them apart. */
function sameLengthEdit(text: string): string {
  const edited = text.replace(/^status: active$/m, 'status: activ_');
  expect(edited).not.toBe(text);
  expect(edited.length).toBe(text.length);
  return edited;
}

describe('blob ids from the index', () => {
  it('gives git’s id for every committed file, and none for one changed, added or untracked', async () => {
    const repo = shippedRepo();
    const ids = await indexedIds(join(repo.dir, 'registry'), 'subprocessors');
    const path = join(repo.dir, TWILIO);
    expect(ids.get('subprocessors/twilio.yaml')).toBe(blobId(readFileSync(path)));
    expect(ids.size).toBe(filesIn(join(repo.dir, 'registry/subprocessors')).length);

    writeFileSync(path, `${readFileSync(path, 'utf8')}# edited\n`);
    writeFileSync(join(repo.dir, 'registry/subprocessors/new-vendor.yaml'), 'id: new-vendor\n');
    const after = await indexedIds(join(repo.dir, 'registry'), 'subprocessors');
    expect(after.has('subprocessors/twilio.yaml')).toBe(false);
    expect(after.has('subprocessors/new-vendor.yaml')).toBe(false);
    expect(after.size).toBe(ids.size - 1);
  });

  it('leaves out a racily clean file: same size and time as in the index, other bytes', async () => {
    const repo = shippedRepo();
    // Without ctime, size and mtime are all the stat data say: only git's racy-entry check finds the change.
    repo.git('config', 'core.trustctime', 'false');
    const path = join(repo.dir, TWILIO);
    const original = readFileSync(path, 'utf8');
    utimesSync(path, SECOND, SECOND);
    repo.git('add', TWILIO);
    writeFileSync(path, sameLengthEdit(original));
    utimesSync(path, SECOND, SECOND);
    // The index written in the same second as the file: its entry cannot vouch for the bytes.
    utimesSync(join(repo.dir, '.git/index'), SECOND, SECOND);
    expect(statSync(path).mtimeMs).toBe(SECOND * 1000);
    const ids = await indexedIds(join(repo.dir, 'registry'), 'subprocessors');
    expect(ids.has('subprocessors/twilio.yaml')).toBe(false);
    expect(ids.has('subprocessors/braintree.yaml')).toBe(true);
  });

  it('leaves out a file git converts on checkout (a smudge filter, line endings), and every file under autocrlf', async () => {
    const repo = shippedRepo();
    // A smudge filter writes other bytes to the work tree than the blob holds (git-lfs and git-crypt do): here the
    // stored copy says EEA and the work tree CN, as a filter could make it.
    repo.git('config', 'filter.place.smudge', 'sed s/EEA/CN/');
    repo.git('config', 'filter.place.clean', 'sed s/CN/EEA/');
    writeFileSync(
      join(repo.dir, '.gitattributes'),
      'registry/subprocessors/mailchimp.yaml filter=place\nregistry/subprocessors/twilio.yaml eol=crlf\n',
    );
    const ids = await indexedIds(join(repo.dir, 'registry'), 'subprocessors');
    expect(ids.has('subprocessors/mailchimp.yaml')).toBe(false);
    expect(ids.has('subprocessors/twilio.yaml')).toBe(false);
    expect(ids.has('subprocessors/braintree.yaml')).toBe(true);
    repo.git('config', 'core.autocrlf', 'input');
    expect((await indexedIds(join(repo.dir, 'registry'), 'subprocessors')).size).toBe(0);
  });

  it('is empty outside a git repository', async () => {
    const temp = copyOfShippedRegistry();
    cleanups.push(temp.cleanup);
    expect((await indexedIds(join(temp.dir, 'registry'), 'subprocessors')).size).toBe(0);
  });
});

describe('a warm cache with index-aware reads gives the answer of a run without the cache', () => {
  const statusError = (stdout: string) => stdout.includes('activ_');

  it('finds a file changed in the work tree without git add', () => {
    const repo = shippedRepo();
    const args = ['validate', '--format', 'json', ...TODAY];
    const clean = runCli(args, repo.dir);
    expect(clean.code).toBe(0);
    expect(filesIn(join(repo.dir, '.subproc-cache')).some((f) => f.endsWith('.entry'))).toBe(true);
    const path = join(repo.dir, TWILIO);
    writeFileSync(path, sameLengthEdit(readFileSync(path, 'utf8')));
    const warm = runCli(args, repo.dir);
    expect(statusError(warm.stdout)).toBe(true);
    expect(warm).toEqual(runCli([...args, '--no-cache'], repo.dir));
    // check against HEAD reads the head from the work tree and the base from git: both sides must stay apart.
    const check = ['check', '--base', 'HEAD', '--format', 'json', ...TODAY];
    const checked = runCli(check, repo.dir);
    expect(checked.code).toBe(1);
    expect(checked).toEqual(runCli([...check, '--no-cache'], repo.dir));
  });

  it('finds a racily clean file', () => {
    const repo = shippedRepo();
    repo.git('config', 'core.trustctime', 'false');
    const path = join(repo.dir, TWILIO);
    const original = readFileSync(path, 'utf8');
    utimesSync(path, SECOND, SECOND);
    repo.git('add', TWILIO);
    const args = ['validate', '--format', 'json', ...TODAY];
    expect(runCli(args, repo.dir).code).toBe(0);
    writeFileSync(path, sameLengthEdit(original));
    utimesSync(path, SECOND, SECOND);
    utimesSync(join(repo.dir, '.git/index'), SECOND, SECOND);
    const warm = runCli(args, repo.dir);
    expect(statusError(warm.stdout)).toBe(true);
    expect(warm).toEqual(runCli([...args, '--no-cache'], repo.dir));
  });

  it('reads a file a smudge filter changed on checkout, whose blob says otherwise', () => {
    const repo = shippedRepo();
    const args = ['check', '--no-base', '--format', 'json', ...TODAY];
    expect(runCli(args, repo.dir).code).toBe(0);
    repo.git('config', 'filter.place.smudge', 'sed s/EEA/CN/');
    repo.git('config', 'filter.place.clean', 'sed s/CN/EEA/');
    writeFileSync(join(repo.dir, '.gitattributes'), 'registry/subprocessors/mailchimp.yaml filter=place\n');
    // Checked out again through the filter (git refreshes the index's stat data as it writes the file).
    rmSync(join(repo.dir, 'registry/subprocessors/mailchimp.yaml'));
    repo.git('checkout', '-q', 'HEAD', '--', 'registry/subprocessors/mailchimp.yaml');
    // The work tree says CN, the blob (and the index's id) EEA, and git calls the file unchanged.
    expect(readFileSync(join(repo.dir, 'registry/subprocessors/mailchimp.yaml'), 'utf8')).toContain('place: CN');
    expect(repo.git('status', '--porcelain', '--', 'registry/').trim()).toBe('');
    const warm = runCli(args, repo.dir);
    expect(warm.stdout).toContain('mailchimp');
    expect(warm).toEqual(runCli([...args, '--no-cache'], repo.dir));
  });

  it('reads every file outside a git repository', () => {
    const temp = copyOfShippedRegistry();
    cleanups.push(temp.cleanup);
    const env = { SUBPROC_CACHE_DIR: join(temp.dir, 'cache') };
    const args = ['validate', 'registry', '--format', 'json', ...TODAY];
    expect(runCli(args, temp.dir, env).code).toBe(0);
    const path = join(temp.dir, TWILIO);
    writeFileSync(path, sameLengthEdit(readFileSync(path, 'utf8')));
    const warm = runCli(args, temp.dir, env);
    expect(statusError(warm.stdout)).toBe(true);
    expect(warm).toEqual(runCli([...args, '--no-cache'], temp.dir, env));
  });
});
