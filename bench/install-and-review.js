// @ts-check
/**
 * From a fresh clone to a finished review of the shipped registry, two ways, in one run (issue 13):
 *
 *   node bench/install-and-review.js [--runs N] [--source DIR]
 *
 *   (a) the action's way   git clone, then `node action/index.js` in review mode with GitHub's variables set
 *                          (the committed bundle: nothing installed, nothing compiled)
 *   (b) today's way        git clone, then `npm ci --prefer-offline` (which compiles subproc through `prepare`),
 *                          then `npx --prefer-offline subproc check --format github`
 *
 * Both review the clone's HEAD against HEAD~1 (the shipped registry, with a base: what a pull-request job does).
 * Each is timed from before `git clone` to the review's exit; (a) runs --runs times (default 3) and reports the
 * median, (b) once, since npm ci dominates it. The source is this repository's committed HEAD (--source to clone
 * another): commit before measuring, or the clone will not have your changes. Target: (a) at most 3 s.
 * Exit code 0 even when the target is missed; 1 when a step fails; 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGET_SECONDS = 3;

/** @param {string} message */
function usage(message) {
  process.stderr.write(`install-and-review: ${message}\nUsage: node bench/install-and-review.js [--runs N] [--source DIR]\n`);
  process.exit(2);
}

/** @type {{ runs?: string; source?: string }} */
let values = {};
try {
  ({ values } = parseArgs({ options: { runs: { type: 'string' }, source: { type: 'string' } } }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
const runs = Number(values.runs ?? '3');
if (!Number.isInteger(runs) || runs < 1) usage(`--runs takes a positive whole number, not "${values.runs ?? ''}"`);
const source = values.source ?? ROOT;

const work = mkdtempSync(join(tmpdir(), 'subproc-install-review-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** A clean environment: no CI variables of the host, no colour, git without user or system config. */
const BASE_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
};

/**
 * Runs a step; exits 1 when it fails with a code other than those expected.
 * @param {string} label @param {string} command @param {string[]} args @param {string} cwd
 * @param {NodeJS.ProcessEnv} env @param {number[]} ok
 */
function step(label, command, args, cwd, env = BASE_ENV, ok = [0]) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status === null || !ok.includes(result.status)) {
    process.stderr.write(
      `install-and-review: ${label} failed (${String(result.status ?? result.error)}):\n${result.stderr}${result.stdout.slice(-2000)}\n`,
    );
    process.exit(1);
  }
  return { seconds, stdout: result.stdout };
}

/** @param {string} name */
function clone(name) {
  const dir = join(work, name);
  const { seconds } = step('git clone', 'git', ['clone', '-q', '--no-local', `file://${source}`, dir], work);
  return { dir, seconds };
}

/** (a): clone, then the bundled action in review mode, as a runner starts it. @param {number} index */
function actionWay(index) {
  const { dir, seconds: cloneSeconds } = clone(`action-${String(index)}`);
  const output = join(work, `output-${String(index)}`);
  const summary = join(work, `summary-${String(index)}`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = {
    ...BASE_ENV,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: work,
    INPUT_MODE: 'review',
    INPUT_BASE: 'HEAD~1',
    INPUT_HEAD: 'HEAD',
    'INPUT_FAIL-ON': 'error',
  };
  const review = step('node action/index.js', process.execPath, [join(dir, 'action', 'index.js')], dir, env, [0, 1]);
  return { clone: cloneSeconds, install: 0, review: review.seconds, total: cloneSeconds + review.seconds };
}

/** (b): clone, npm ci (compiles through prepare), npx subproc check. */
function todaysWay() {
  const { dir, seconds: cloneSeconds } = clone('npm');
  const install = step('npm ci', 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], dir);
  const env = { ...BASE_ENV, CI: 'true', GITHUB_ACTIONS: 'true' };
  const review = step(
    'npx subproc check',
    'npx',
    ['subproc', 'check', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'github'],
    dir,
    env,
    [0, 1],
  );
  return { clone: cloneSeconds, install: install.seconds, review: review.seconds, total: cloneSeconds + install.seconds + review.seconds };
}

/** @param {number[]} xs */
const median = (xs) => {
  const sorted = [...xs].sort((p, q) => p - q);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const action = Array.from({ length: runs }, (_, i) => actionWay(i));
const a = {
  clone: median(action.map((r) => r.clone)),
  install: 0,
  review: median(action.map((r) => r.review)),
  total: median(action.map((r) => r.total)),
};
const b = todaysWay();

const s = (/** @type {number} */ x) => `${x.toFixed(2)} s`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  [
    `From a fresh clone of ${source} to a finished review of the shipped registry (HEAD~1..HEAD)`,
    `Node ${process.version}, ${String(availableParallelism())} cores (${cpu}); (a) median of ${String(runs)}, (b) once`,
    '',
    '| Way | clone | install | review | total |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| (a) the action: node action/index.js | ${s(a.clone)} | none | ${s(a.review)} | ${s(a.total)} |`,
    `| (b) today: npm ci --prefer-offline + npx --prefer-offline subproc check | ${s(b.clone)} | ${s(b.install)} | ${s(b.review)} | ${s(b.total)} |`,
    '',
    `(b) / (a): ${(b.total / a.total).toFixed(1)}×`,
    `Target (a) ≤ ${String(TARGET_SECONDS)} s: ${a.total <= TARGET_SECONDS ? 'PASS' : 'MISS'} (${s(a.total)})`,
    '',
  ].join('\n'),
);
