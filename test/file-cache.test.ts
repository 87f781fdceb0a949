import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_ID_FILE, bundleDigest } from '../scripts/registry/build-id.js';
import { blobId, cacheLocation, environmentDigest, openFileCache } from '../scripts/registry/file-cache.js';
import { loadSubprocessorFile } from '../scripts/registry/load-file.js';
import { filesIn } from './helpers/cached-runs.js';
import { gitRepo } from './helpers/git-repo.js';
import { BIN, ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const TODAY = ['--today', '2026-11-30'];

/** Broken in three ways the loader reports at a line and column: schema, YAML syntax, file name. */
const BROKEN = {
  'registry/subprocessors/wrong-type.yaml':
    'id: wrong-type\nname: Wrong Type\ncategory: communication\nservice: SMS\ntasks:\n  - Sending SMS\nlocations:\n  - place: FR\nstatus: 7\n',
  'registry/subprocessors/bad-yaml.yaml': 'id: bad-yaml\nname: "Bad\ncategory: communication\n',
  'registry/subprocessors/other-name.yaml':
    'id: not-the-stem\nname: Other\ncategory: communication\nservice: SMS\ntasks:\n  - Sending SMS\nlocations:\n  - place: FR\nstatus: active\n',
};

/** The shipped registry on main, then a pull request that adds the broken files and edits twilio. */
function reviewRepo() {
  const repo = gitRepo({ 'README.md': 'registry\n', '.gitignore': '.subproc-cache/\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  const twilio = readFileSync(join(repo.dir, 'registry/subprocessors/twilio.yaml'), 'utf8');
  repo.commit(
    { ...BROKEN, 'registry/subprocessors/twilio.yaml': twilio.replace('Sending SMS\n', 'Sending SMS and calls\n') },
    'the change',
  );
  return repo;
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  cleanups.splice(0).forEach((c) => {
    c();
  });
});

describe('the file cache, through check', () => {
  const repo = reviewRepo();
  cleanups.push(repo.cleanup);
  const cache = join(repo.dir, '.subproc-cache');
  const args = ['check', '--base', 'HEAD~1', '--format', 'json', ...TODAY];
  const check = (env: NodeJS.ProcessEnv = {}) => runCli(args, repo.dir, env);
  // Per-file entries and the packs that hold a whole side (the base, read from git): both are checked on reading.
  const entries = () => filesIn(cache).filter((f) => f.endsWith('.entry') || f.endsWith('.pack'));
  const packs = () => entries().filter((f) => f.endsWith('.pack'));
  const contents = () => new Map(entries().map((f) => [f, readFileSync(join(cache, f), 'utf8')]));

  rmSync(cache, { recursive: true, force: true });
  const baseline = runCli([...args, '--no-cache'], repo.dir);

  it('reports the loader findings at their lines, from a cold cache and a warm one alike', () => {
    const diagnostics = (
      JSON.parse(baseline.stdout) as { diagnostics: { file: string; line: number; column: number; messageId: string }[] }
    ).diagnostics;
    const broken = diagnostics.filter(
      (d) => d.file.endsWith('wrong-type.yaml') || d.file.endsWith('bad-yaml.yaml') || d.file.endsWith('other-name.yaml'),
    );
    // Locations past the first line: the test would catch positions lost in the cache.
    expect(broken.filter((d) => d.line > 1).length).toBeGreaterThanOrEqual(2);
    expect(baseline.code).toBe(1);
    expect(check()).toEqual(baseline);
    expect(entries().length).toBeGreaterThan(20);
    expect(check()).toEqual(baseline);
  });

  const flip = (text: string) => {
    const bytes = Buffer.from(text);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    return bytes;
  };
  /** Rewrites every entry with what `change` makes of it. */
  const each = (change: (text: string) => string | Uint8Array) => (files: Map<string, string>) => {
    for (const [f, text] of files) writeFileSync(join(cache, f), change(text));
  };
  /** A body of the wrong shape, under the entry's own first line and a checksum that matches it. */
  const forged = (text: string) => {
    const body = JSON.stringify({ diagnostics: 'none', value: { id: 'forged' } });
    return `${text.slice(0, text.indexOf('\n'))}\n${createHash('sha256').update(body).digest('hex')}\n${body}`;
  };
  const mutations: [string, (files: Map<string, string>) => void][] = [
    ['a byte flipped in every entry', each(flip)],
    ['every entry truncated', each((text) => text.slice(0, text.length >> 1))],
    ['every entry emptied', each(() => '')],
    ['garbage in every entry', each(() => Buffer.from([0xff, 0x00, 0x7b, 0x22, 0x0a, 0xc3]))],
    [
      'entries swapped in pairs (each sound, under the wrong key)',
      (files) => {
        const list = [...files];
        for (let i = 0; i + 1 < list.length; i += 2) {
          const [a, textA] = list[i] ?? ['', ''];
          const [b, textB] = list[i + 1] ?? ['', ''];
          writeFileSync(join(cache, a), textB);
          writeFileSync(join(cache, b), textA);
        }
      },
    ],
    ['a body of the wrong shape under a matching checksum', each(forged)],
  ];

  it('keeps the base as one pack, and a corrupted pack gives the same report and is written again', () => {
    expect(check()).toEqual(baseline);
    expect(packs()).toHaveLength(1);
    const before = contents();
    const [pack = ''] = packs();
    const text = readFileSync(join(cache, pack), 'utf8');
    // The entries stay sound: only the pack is wrong, and the files it held are answered one by one.
    for (const broken of [flip(text), text.slice(0, text.length >> 1), forged(text), '']) {
      writeFileSync(join(cache, pack), broken);
      expect(check()).toEqual(baseline);
      expect(contents()).toEqual(before);
    }
  });

  it.each(mutations)('%s: the same report, and every entry written again', (_name, mutate) => {
    expect(check()).toEqual(baseline);
    const before = contents();
    mutate(before);
    expect(contents()).not.toEqual(before);
    expect(check()).toEqual(baseline);
    expect(contents()).toEqual(before);
  });

  it('--no-cache and SUBPROC_NO_CACHE=1 write nothing', () => {
    rmSync(cache, { recursive: true, force: true });
    expect(runCli([...args, '--no-cache'], repo.dir)).toEqual(baseline);
    expect(check({ SUBPROC_NO_CACHE: '1' })).toEqual(baseline);
    expect(runCli(['validate', '--no-cache'], repo.dir).code).toBe(1);
    expect(filesIn(cache)).toEqual([]);
  });

  it('two runs sharing a cold cache both give the full report', async () => {
    rmSync(cache, { recursive: true, force: true });
    const run = promisify(execFile);
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', GITHUB_ACTIONS: '' };
    const both = await Promise.all(
      [0, 1].map(() =>
        run(process.execPath, [BIN, ...args], { cwd: repo.dir, env }).catch((error: unknown) => error as { stdout: string; code: number }),
      ),
    );
    for (const result of both) expect(result.stdout).toBe(baseline.stdout);
    expect(filesIn(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(check()).toEqual(baseline);
  });

  it('refuses a size bound that is not a whole number of megabytes, as a usage error', () => {
    const result = check({ SUBPROC_CACHE_MAX_MB: 'lots' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SUBPROC_CACHE_MAX_MB');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the file cache, as a module', () => {
  const valid =
    'id: acme\nname: Acme\ncategory: communication\nservice: SMS\ntasks:\n  - Sending SMS\nlocations:\n  - place: FR\nstatus: active\n';
  const file = 'registry/subprocessors/acme.yaml';

  it('names bytes as git does', () => {
    const repo = gitRepo({ 'a.yaml': valid });
    cleanups.push(repo.cleanup);
    expect(blobId(Buffer.from(valid))).toBe(repo.git('hash-object', 'a.yaml').trim());
  });

  it('gives back the data and a working locator, and misses under another environment digest', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const bytes = Buffer.from(valid);
    const result = loadSubprocessorFile(file, 'acme', bytes);
    const oid = blobId(bytes);
    const cache = openFileCache(temp.dir, { environment: 'schemas-a' });
    cache.store(oid, file, result, valid);
    const hit = cache.lookup(oid, file);
    expect(hit?.loaded?.value).toEqual(result.loaded?.value);
    expect(hit?.loaded?.locate(['locations', 0, 'place'])).toEqual(result.loaded?.locate(['locations', 0, 'place']));
    expect(hit?.loaded?.locate(['locations', 0, 'place'])).toEqual({ line: 8, column: 12 });
    expect(cache.lookup(oid, 'registry/subprocessors/other.yaml')).toBeUndefined();
    expect(openFileCache(temp.dir, { environment: 'schemas-b' }).lookup(oid, file)).toBeUndefined();
  });

  it('changes its environment digest with any schema or policy data byte', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    cpSync(join(ROOT, 'schemas'), join(temp.dir, 'schemas'), { recursive: true });
    cpSync(join(ROOT, 'policies/data'), join(temp.dir, 'policies/data'), { recursive: true });
    const first = environmentDigest(temp.dir);
    expect(environmentDigest(temp.dir)).toBe(first);
    const schema = join(temp.dir, 'schemas/subprocessor.schema.json');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')} `);
    const second = environmentDigest(temp.dir);
    expect(second).not.toBe(first);
    mkdirSync(join(temp.dir, 'policies/data/extra'), { recursive: true });
    writeFileSync(join(temp.dir, 'policies/data/extra/x.json'), '{}');
    const third = environmentDigest(temp.dir);
    expect(third).not.toBe(second);
    // A rebuilt tool with the same version (a git checkout between releases): its code digest misses every entry.
    mkdirSync(join(temp.dir, 'build/scripts'), { recursive: true });
    writeFileSync(join(temp.dir, BUILD_ID_FILE), 'a'.repeat(64));
    const built = environmentDigest(temp.dir);
    expect(built).not.toBe(third);
    writeFileSync(join(temp.dir, BUILD_ID_FILE), 'b'.repeat(64));
    expect(environmentDigest(temp.dir)).not.toBe(built);
  });

  it('keys a bundle run without build/ (the action) by the bundle’s own bytes', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const bundle = join(temp.dir, 'index.js');
    writeFileSync(bundle, 'console.log(1);\n');
    const first = bundleDigest(pathToFileURL(bundle).href);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(bundle, 'console.log(2);\n');
    expect(bundleDigest(pathToFileURL(bundle).href)).not.toBe(first);
    // This module itself, unbundled (the sources under test, or build/scripts/): no digest of its own.
    expect(bundleDigest(pathToFileURL(join(ROOT, 'scripts/registry/build-id.ts')).href)).toBe('');
    expect(bundleDigest(pathToFileURL(join(temp.dir, 'missing.js')).href)).toBe('');
  });

  it('does not keep a value JSON would change (.inf), and still answers right without it', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const cache = openFileCache(temp.dir, { environment: 'e' });
    const result = {
      loaded: { file, value: JSON.parse('{"id":"acme"}') as never, locate: () => ({ line: 1, column: 1 }) },
      diagnostics: [],
    };
    (result.loaded.value as Record<string, unknown>).weight = Number.POSITIVE_INFINITY;
    cache.store('0'.repeat(40), file, result, 'id: acme\nweight: .inf\n');
    expect(cache.lookup('0'.repeat(40), file)).toBeUndefined();
  });

  it('stays within its size bound, dropping the oldest entries first', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const maxMegabytes = 16 / 1024;
    const cache = openFileCache(temp.dir, { environment: 'e', maxMegabytes });
    const oids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const text = `${valid}# ${'x'.repeat(500)} ${String(i)}\n`;
      const bytes = Buffer.from(text);
      const oid = blobId(bytes);
      oids.push(oid);
      cache.store(oid, file, loadSubprocessorFile(file, 'acme', bytes), text);
    }
    // Written a second apart, in order: the first are the oldest.
    const paths = filesIn(temp.dir).filter((f) => f.endsWith('.entry'));
    const byOid = new Map(oids.map((oid, i) => [oid, i]));
    for (const path of paths) {
      const text = readFileSync(join(temp.dir, path), 'utf8');
      const index = [...byOid].find(([oid]) => cacheHas(text, oid))?.[1] ?? 0;
      utimesSync(join(temp.dir, path), new Date(1e12 + index * 1000), new Date(1e12 + index * 1000));
    }
    cache.close();
    const left = filesIn(temp.dir).filter((f) => f.endsWith('.entry'));
    const total = left.reduce((sum, f) => sum + statSync(join(temp.dir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(maxMegabytes * 1024 * 1024);
    expect(left.length).toBeGreaterThan(0);
    const reader = openFileCache(temp.dir, { environment: 'e' });
    expect(reader.lookup(oids[39] ?? '', file)).toBeDefined();
    expect(reader.lookup(oids[0] ?? '', file)).toBeUndefined();
  });

  it('answers a whole list of files from one pack, and only that exact list', () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const other = 'registry/subprocessors/other.yaml';
    const broken = loadSubprocessorFile(other, 'other', Buffer.from('id: other\nname: [\n'));
    const bytes = Buffer.from(valid);
    const listing = [
      { file, oid: blobId(bytes) },
      { file: other, oid: '1'.repeat(40) },
    ];
    const writer = openFileCache(temp.dir, { environment: 'e' });
    const result = loadSubprocessorFile(file, 'acme', bytes);
    // A result the cache has not seen with its text cannot be packed: a hit could not locate anything in it.
    writer.storePack(
      listing,
      new Map([
        [file, result],
        [other, broken],
      ]),
    );
    expect(filesIn(temp.dir).filter((f) => f.endsWith('.pack'))).toEqual([]);
    writer.store(listing[0]?.oid ?? '', file, result, valid);
    writer.storePack(
      listing,
      new Map([
        [file, result],
        [other, broken],
      ]),
    );
    const [pack = ''] = filesIn(temp.dir).filter((f) => f.endsWith('.pack'));

    const reader = openFileCache(temp.dir, { environment: 'e' });
    const hit = reader.lookupPack(listing);
    expect(hit?.get(file)?.loaded?.value).toEqual(result.loaded?.value);
    expect(hit?.get(file)?.loaded?.locate(['locations', 0, 'place'])).toEqual({ line: 8, column: 12 });
    expect(hit?.get(other)).toEqual({ diagnostics: broken.diagnostics });
    expect(reader.lookupPack([...listing].reverse())).toBeUndefined();
    expect(reader.lookupPack(listing.slice(0, 1))).toBeUndefined();
    expect(reader.lookupPack([listing[0] ?? listing[1], { file: other, oid: '2'.repeat(40) }] as typeof listing)).toBeUndefined();
    expect(openFileCache(temp.dir, { environment: 'f' }).lookupPack(listing)).toBeUndefined();
    // A sound pack renamed to another list's key: its first line names the wrong key.
    const moved = [listing[0], { file: other, oid: '3'.repeat(40) }] as typeof listing;
    reader.storePack(
      moved,
      new Map([
        [file, hit?.get(file) ?? result],
        [other, broken],
      ]),
    );
    const packsNow = filesIn(temp.dir).filter((f) => f.endsWith('.pack'));
    expect(packsNow).toHaveLength(2);
    const [movedPack = ''] = packsNow.filter((f) => f !== pack);
    writeFileSync(join(temp.dir, movedPack), readFileSync(join(temp.dir, pack)));
    expect(openFileCache(temp.dir, { environment: 'e' }).lookupPack(moved)).toBeUndefined();
  });

  it('lives at the repository root, or in the user cache folder outside a repository', () => {
    const repo = gitRepo({ 'registry/x': '' });
    cleanups.push(repo.cleanup);
    expect(cacheLocation(join(repo.dir, 'registry'), {})).toBe(join(repo.dir, '.subproc-cache'));
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    expect(cacheLocation(temp.dir, { XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/subproc');
    expect(cacheLocation(temp.dir, { SUBPROC_CACHE_DIR: 'c', XDG_CACHE_HOME: '/x' })).toBe(join(temp.dir, 'c'));
    cpSync(join(ROOT, 'registry'), join(temp.dir, 'registry'), { recursive: true });
    const xdg = join(temp.dir, 'xdg');
    expect(runCli(['validate', ...TODAY], temp.dir, { XDG_CACHE_HOME: xdg }).code).toBe(0);
    expect(filesIn(join(xdg, 'subproc')).some((f) => f.endsWith('.entry'))).toBe(true);
  });
});

/** Whether the entry is the one stored for blob `oid`: its body holds the file's text, not the oid. */
function cacheHas(entry: string, oid: string): boolean {
  const body = entry.slice(entry.indexOf('\n', entry.indexOf('\n') + 1) + 1);
  const text = (JSON.parse(body) as { text?: string }).text ?? '';
  return blobId(Buffer.from(text)) === oid;
}
