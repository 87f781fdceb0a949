import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { gitSource } from '../scripts/registry/git-source.js';
import { loadRegistry } from '../scripts/registry/load.js';
import { filesIn } from './helpers/cached-runs.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { seededRandom } from './helpers/random.js';

const TODAY = ['--today', '2026-11-30'];
const SUBS = 'registry/subprocessors';

/** What a pull request can do to one vendor's file: edits that stay valid, and each way a file can go wrong. */
const MUTATIONS: ((text: string, stem: string) => string | undefined)[] = [
  (text) => text.replace(/^status: active$/m, 'status: retired'),
  (text) => text.replace(/^(tasks:\n)/m, '$1  - A task the pull request added\n'),
  (text) => text.replace(/^status: .*$/m, 'status: 7'),
  (text) => `${text}name: [\n`,
  (text, stem) => text.replace(`id: ${stem}\n`, `id: ${stem}-renamed\n`),
  (text) => text.replace(/place: [A-Z]+/, 'place: US'),
  () => undefined,
];

/** main holds the shipped registry; branch `pr` applies seeded mutations to a few files and adds a copy of one. */
function seededRepo(seed: number) {
  const random = seededRandom(seed);
  const repo = gitRepo({ 'README.md': 'registry\n', '.gitignore': '.subproc-cache/\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  repo.git('checkout', '-q', '-b', 'pr');
  const stems = readdirSync(join(repo.dir, SUBS))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5));
  const applied: string[] = [];
  for (let i = 0; i < 4; i++) {
    const stem = stems[Math.floor(random() * stems.length)] ?? '';
    const mutation = Math.floor(random() * MUTATIONS.length);
    const path = join(repo.dir, SUBS, `${stem}.yaml`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const changed = MUTATIONS[mutation]?.(text, stem);
    if (changed === undefined) rmSync(path);
    else writeFileSync(path, changed);
    applied.push(`${stem}:${String(mutation)}`);
  }
  const copied = stems[Math.floor(random() * stems.length)] ?? '';
  writeFileSync(
    join(repo.dir, SUBS, `${copied}-copy.yaml`),
    readFileSync(join(ROOT, SUBS, `${copied}.yaml`), 'utf8').replace(`id: ${copied}\n`, `id: ${copied}-copy\n`),
  );
  repo.commit({}, `seeded mutations ${applied.join(' ')}`);
  return repo;
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  cleanups.splice(0).forEach((c) => {
    c();
  });
});

const result = (r: { code: number; stdout: string; stderr: string }) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

describe('a check answered from packs gives the report of one without the cache', () => {
  it.each([1, 2, 3])('seed %i: cold, warm, base-only cache, corrupted pack and --no-cache agree byte for byte', (seed) => {
    const repo = seededRepo(seed);
    cleanups.push(repo.cleanup);
    const cache = join(repo.dir, '.subproc-cache');
    const packs = () => filesIn(cache).filter((f) => f.endsWith('.pack'));
    const records = () => filesIn(cache).filter((f) => f.endsWith('.record'));
    for (const args of [
      ['check', '--base', 'main', '--head', 'pr', '--format', 'json', ...TODAY],
      ['check', '--base', 'main', ...TODAY],
    ]) {
      const uncached = result(runCli([...args, '--no-cache'], repo.dir));
      rmSync(cache, { recursive: true, force: true });
      expect(result(runCli(args, repo.dir)), 'cold').toEqual(uncached);
      expect(packs().length, 'the base is kept as a pack').toBeGreaterThan(0);
      expect(result(runCli(args, repo.dir)), 'warm').toEqual(uncached);
      // As a pull request's job finds it: what main's files yield, and nothing of the pull request's.
      rmSync(cache, { recursive: true, force: true });
      runCli(['validate', '--ref', 'main', 'registry', ...TODAY], repo.dir);
      expect(packs()).toHaveLength(1);
      expect(result(runCli(args, repo.dir)), 'base-only cache').toEqual(uncached);
      for (const pack of packs()) {
        const text = readFileSync(join(cache, pack), 'utf8');
        writeFileSync(join(cache, pack), text.replace('"diagnostics":[]', '"diagnostics":[{}]'));
      }
      expect(result(runCli(args, repo.dir)), 'corrupted pack').toEqual(uncached);
      // As the review-cache workflow leaves it: main reviewed against itself, which keeps main's per-entry findings.
      rmSync(cache, { recursive: true, force: true });
      runCli(['check', '--base', 'main', '--head', 'main', ...TODAY], repo.dir);
      expect(records(), "main's findings are kept").toHaveLength(1);
      expect(result(runCli(args, repo.dir)), 'base findings kept').toEqual(uncached);
      expect(records(), 'a review that found the base findings keeps no more').toHaveLength(1);
      // Another day of the same span of the laws' dates: the findings still hold.
      const nextDay = ['--today', '2026-12-01'];
      const later = [...args.filter((a, i) => a !== '--today' && args[i - 1] !== '--today'), ...nextDay];
      expect(result(runCli(later, repo.dir)), 'the next day').toEqual(result(runCli([...later, '--no-cache'], repo.dir)));
      for (const record of records()) {
        const text = readFileSync(join(cache, record), 'utf8');
        writeFileSync(join(cache, record), text.replace('"line":', '"line":1'));
      }
      expect(result(runCli(args, repo.dir)), 'corrupted findings').toEqual(uncached);
    }
  });
});

describe('the base judged by per-entry policies only where it differs from the head', () => {
  it.each([1, 2, 3, 4])('seed %i: the same report as judging the whole base', async (seed) => {
    const repo = seededRepo(seed);
    cleanups.push(repo.cleanup);
    const side = (ref: string) => gitSource(ref, 'registry', repo.dir);
    const input = { today: '2026-11-30', setup: shippedSetup() };
    const shared = await runCheck({ ...input, head: side('pr'), base: { source: side('main'), label: 'main' } });
    // A head loaded on its own shares no loaded file with the base: every base entry is judged again.
    const apart = await runCheck({
      ...input,
      head: side('pr'),
      headRegistry: await loadRegistry(side('pr')),
      base: { source: side('main'), label: 'main' },
    });
    expect(shared).toEqual(apart);
    expect(shared.unchanged).toBeGreaterThan(0);
    expect(shared.diagnostics.some((d) => d.baseline === 'new')).toBe(true);
  });
});
