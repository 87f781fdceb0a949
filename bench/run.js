// @ts-check
/**
 * npm run bench: measures subproc on synthetic registries against ajv-cli and a bare Node start (issue 6).
 *
 *   node bench/run.js [--sizes 1000,10000] [--runs 5] [--warmup 1] [--large-runs 1] [--results FILE | --no-results] [--keep]
 *
 * For each size it generates a git repository (bench/generate.js) in a temporary folder: the registry on main and
 * a pull request on a branch. It then times, as the median of --runs runs after --warmup unrecorded runs (a
 * command and the baselines it is compared with run in the same rounds, one after the other):
 *   ajv-cli validate         the baseline: schema validation only, same files, same schemas
 *   subproc validate         the work tree
 *   subproc check --base     main against the pull request branch, both read from git, JSON output to /dev/null
 *   … (warm cache)           the same, with the file cache (docs/cache.md) holding main's files and not the pull
 *                            request's, as a CI job restoring the base's cache finds it: put back before each run
 *   subproc build, sign, verify
 * and, once, `node -e 0` and `subproc check` on the shipped registry (the small-registry target).
 * It prints the table with the ratios and the targets of issue 6, and writes it to bench/RESULTS.md.
 *
 * 100,000 files (--sizes 1000,10000,100000) need about 0.5 GB of disk in the temporary folder (os.tmpdir(), or
 * TMPDIR), a few GB of memory, and about 7 minutes on 2 cores: sizes of 100,000 and more run --large-runs times
 * (default 1) with no warm-up, since one run of build takes minutes. Exit code 0 even when a target is missed;
 * 1 when something fails (a command exits with an unexpected code, the generated data has errors), 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRepository, git, GIT_ENV, PR_BRANCH } from './generate.js';
import { median, rssMethod, runMeasured } from './measure.js';

/** From this size on, --large-runs applies and there is no warm-up. */
const LARGE = 100000;

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(ROOT, 'bin', 'subproc.js');
const NODE = process.execPath;

const USAGE = `Usage: node bench/run.js [options]   (npm run bench -- [options])

Options:
  --sizes LIST     registry sizes in files, comma-separated (default 1000,10000; 100000 needs ~1 GB of disk and time)
  --runs N         timed runs per command; the median is reported (default 5)
  --warmup N       unrecorded runs before the timed ones (default 1)
  --large-runs N   timed runs for sizes of 100,000 and more, with no warm-up (default 1: minutes per run)
  --results FILE   write the Markdown table there (default bench/RESULTS.md)
  --no-results     do not write the Markdown file
  --keep           keep the generated repositories (their folder is printed)
  -h, --help       show this help
`;

class UsageError extends Error {}

/** parseArgs, with its errors (unknown option, missing value) as usage errors. @type {typeof parseArgs} */
const parseOptions = (config) => {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};

/** @param {string} text */
const log = (text) => {
  process.stderr.write(`${text}\n`);
};

function options() {
  const { values } = parseOptions({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      'large-runs': { type: 'string', default: '1' },
      results: { type: 'string', default: join(ROOT, 'bench', 'RESULTS.md') },
      'no-results': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const int = (/** @type {string} */ name, /** @type {string} */ text, /** @type {number} */ min) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${text}"`);
    return n;
  };
  const sizes = values.sizes.split(',').map((s) => int('sizes', s.trim().replaceAll('_', ''), 1));
  return {
    help: values.help,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs: int('runs', values.runs, 1),
    warmup: int('warmup', values.warmup, 0),
    largeRuns: int('large-runs', values['large-runs'], 1),
    results: values['no-results'] ? undefined : values.results,
    keep: values.keep,
  };
}

/**
 * @typedef {{ size: string; label: string; wall: number; rssMb: number | undefined; runs: number; walls: number[]; peaks: number[] }} Row
 */

/** @type {Row[]} */
const rows = [];

/**
 * Runs commands in rounds, each command once a round, warmup + runs rounds, and records each one's median.
 * Interleaved rather than one command's runs in a row: the machine's drift (other jobs, the page cache, thermal)
 * then weighs on a command and on the baseline it is compared with alike.
 * `before`, when given, runs (untimed) before each of the command's runs.
 * @param {{ size: string; label: string; command: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv; expect?: number[]; before?: () => void }[]} specs
 * @param {{ runs: number; warmup: number; method: import('./measure.js').RssMethod; scratch: string }} ctx
 */
async function benchRounds(specs, ctx) {
  /** @type {number[][]} */
  const walls = specs.map(() => []);
  /** @type {number[][]} */
  const rss = specs.map(() => []);
  for (let i = 0; i < ctx.warmup + ctx.runs; i++) {
    for (const [k, spec] of specs.entries()) {
      const expect = spec.expect ?? [0];
      spec.before?.();
      const sample = await runMeasured(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env ?? GIT_ENV,
        method: ctx.method,
        scratch: ctx.scratch,
      });
      if (!expect.includes(sample.code)) {
        throw new Error(
          `${spec.label} (${spec.size}) exited with ${sample.code}, expected ${expect.join(' or ')}:\n${sample.stderr.slice(0, 4000)}`,
        );
      }
      if (i < ctx.warmup) continue;
      walls[k]?.push(sample.wallMs / 1000);
      if (sample.rssKb !== undefined) rss[k]?.push((sample.rssKb * 1024) / 1e6);
    }
  }
  return specs.map((spec, k) => {
    const w = walls[k] ?? [];
    const r = rss[k] ?? [];
    const row = {
      size: spec.size,
      label: spec.label,
      wall: median(w),
      rssMb: r.length ? median(r) : undefined,
      runs: ctx.runs,
      walls: w,
      peaks: r,
    };
    rows.push(row);
    log(
      `  ${spec.label.padEnd(34)} ${row.wall.toFixed(3)} s  ${row.rssMb === undefined ? 'n/a' : row.rssMb.toFixed(0)} MB   (runs: ${w.map((x) => x.toFixed(2)).join(' ')})`,
    );
    return row;
  });
}

/**
 * build, sign and verify run in that order, each timed; the sum per run gives the chain's row.
 * @param {string} size @param {string} cwd @param {string} secretFile
 * @param {{ runs: number; warmup: number; method: import('./measure.js').RssMethod; scratch: string }} ctx
 */
async function benchRelease(size, cwd, secretFile, ctx) {
  const steps = [
    { label: 'subproc build', args: [CLI, 'build'] },
    { label: 'subproc sign', args: [CLI, 'sign', '--key-file', secretFile] },
    { label: 'subproc verify', args: [CLI, 'verify', 'dist/subprocessors.json', '--pubkey', 'keys/minisign.pub'] },
  ];
  // The three steps run in rounds too: each round signs and verifies the release it has just built.
  const measured = await benchRounds(
    steps.map((step) => ({ size, label: step.label, command: NODE, args: step.args, cwd })),
    ctx,
  );
  const walls = measured.map((row) => row.walls);
  const rss = measured.map((row) => row.peaks);
  const sums = Array.from({ length: ctx.runs }, (_, i) => walls.reduce((total, w) => total + (w[i] ?? 0), 0));
  const peaks = Array.from({ length: ctx.runs }, (_, i) => Math.max(...rss.map((r) => r[i] ?? 0)));
  rows.push({
    size,
    label: 'build + sign + verify',
    wall: median(sums),
    rssMb: rss[0]?.length ? median(peaks) : undefined,
    runs: ctx.runs,
    walls: sums,
    peaks,
  });
}

/** check's JSON report on the pull request, to confirm the data is what the benchmark claims. */
function sanityCheck(/** @type {string} */ cwd) {
  const result = spawnSync(NODE, [CLI, 'check', '--base', 'main', '--head', PR_BRANCH, '--format', 'json'], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0)
    throw new Error(
      `subproc check on the generated pull request exited with ${result.status}:\n${result.stdout.slice(0, 4000)}${result.stderr}`,
    );
  const report =
    /** @type {{ summary: { subprocessors: number; errors: number; warnings: number; infos: number }; changes?: Record<string, unknown> }} */ (
      JSON.parse(result.stdout)
    );
  const { summary } = report;
  if (summary.errors !== 0) throw new Error(`the generated registry has ${summary.errors} errors: a generator bug`);
  const changes = report.changes ?? {};
  const n = (/** @type {string} */ key) => {
    const list = changes[key];
    return Array.isArray(list) ? list.length : 0;
  };
  return `${summary.subprocessors} valid, ${summary.warnings} warnings, ${summary.infos} notices; change: ${n('added')} added, ${n('retired')} retired, ${n('modified')} modified`;
}

const fmt = {
  s: (/** @type {number} */ v) => v.toFixed(3),
  mb: (/** @type {number | undefined} */ v) => (v === undefined ? 'n/a' : v.toFixed(0)),
  x: (/** @type {number | undefined} */ v) => (v === undefined || !Number.isFinite(v) ? '' : `${v.toFixed(2)}×`),
  size: (/** @type {string} */ s) => (/^\d+$/.test(s) ? Number(s).toLocaleString('en-US') : s),
};

/** @param {string} size @param {string} label */
const find = (size, label) => rows.find((r) => r.size === size && r.label === label);

const AJV = 'ajv-cli validate';
const VALIDATE = 'subproc validate';
const CHECK = 'subproc check --base';
const WARM = 'subproc check --base (warm cache)';
const SHIPPED = 'shipped (24)';
const ONE_GB_IN_MB = 1000;

/**
 * The targets of issue 6, each with the measured value, or why it was not measured.
 * @param {number[]} sizes
 * @returns {{ target: string; size: string; label: string; value: string; pass: boolean | undefined }[]}
 */
function targets(sizes) {
  const node = find('—', 'node -e 0');
  const out = [];
  const shipped = find(SHIPPED, 'subproc check');
  const shippedRatio = shipped && node ? shipped.wall / node.wall : undefined;
  out.push({
    target: 'shipped registry: check ≤ 2.5× node -e 0',
    size: SHIPPED,
    label: 'subproc check',
    value: fmt.x(shippedRatio),
    pass: shippedRatio === undefined ? undefined : shippedRatio <= 2.5,
  });
  const tenK = sizes.includes(10000);
  const ajv10 = find('10000', AJV);
  for (const [label, limit] of /** @type {const} */ ([
    [VALIDATE, 0.8],
    [CHECK, 1.0],
  ])) {
    const row = find('10000', label);
    const ratio = row && ajv10 ? row.wall / ajv10.wall : undefined;
    out.push({
      target: `10,000 files: ${label.replace(' --base', ' --base (full diff)')} ≤ ${limit.toFixed(1)}× ajv-cli validate`,
      size: '10000',
      label,
      value: tenK ? fmt.x(ratio) : 'not measured (needs size 10000)',
      pass: ratio === undefined ? undefined : ratio <= limit,
    });
  }
  // Issue 16: a pull request against a cache that holds its base.
  for (const [size, limit] of /** @type {const} */ ([
    ['10000', 0.3],
    ['100000', 0.25],
  ])) {
    const row = find(size, WARM);
    const ajv = find(size, AJV);
    const ratio = row && ajv ? row.wall / ajv.wall : undefined;
    out.push({
      target: `${fmt.size(size)} files, warm cache, the pull request: check --base ≤ ${limit}× ajv-cli validate`,
      size,
      label: WARM,
      value: sizes.includes(Number(size)) ? fmt.x(ratio) : `not measured (needs size ${size})`,
      pass: ratio === undefined ? undefined : ratio <= limit,
    });
  }
  const warm100 = find('100000', WARM);
  if (warm100?.rssMb !== undefined) {
    out.push({
      target: '100,000 files, warm cache: check --base peak RSS < 500 MB',
      size: '100000',
      label: WARM,
      value: `${fmt.mb(warm100.rssMb)} MB`,
      pass: warm100.rssMb < 500,
    });
  }
  const check10 = find('10000', CHECK);
  const check100 = find('100000', CHECK);
  const growth = check10 && check100 ? check100.wall / check10.wall : undefined;
  const missing100 = 'not measured (--sizes 1000,10000,100000)';
  out.push({
    target: '100,000 files: check --base ≤ 11× its 10,000-file time',
    size: '100000',
    label: CHECK,
    value: growth === undefined ? (check100 ? 'needs size 10000 too' : missing100) : fmt.x(growth),
    pass: growth === undefined ? undefined : growth <= 11,
  });
  out.push({
    target: '100,000 files: check --base peak RSS < 1 GB',
    size: '100000',
    label: CHECK,
    value: check100?.rssMb === undefined ? (check100 ? 'peak RSS not measurable here' : missing100) : `${fmt.mb(check100.rssMb)} MB`,
    pass: check100?.rssMb === undefined ? undefined : check100.rssMb < ONE_GB_IN_MB,
  });
  return out;
}

/** @param {boolean | undefined} pass */
const verdict = (pass) => (pass === undefined ? '—' : pass ? 'PASS' : 'MISS');

/** @param {ReturnType<typeof targets>} goals */
function tableRows(goals) {
  const node = find('—', 'node -e 0');
  return rows.map((r) => {
    const ajv = find(r.size, AJV);
    const vsAjv =
      r.label === AJV || r.label === VALIDATE || r.label === CHECK || r.label === WARM ? (ajv ? r.wall / ajv.wall : undefined) : undefined;
    const goal = goals.filter((g) => g.size === r.size && g.label === r.label && g.pass !== undefined);
    return [
      fmt.size(r.size),
      r.label,
      String(r.runs),
      fmt.s(r.wall),
      fmt.mb(r.rssMb),
      node ? fmt.x(r.wall / node.wall) : '',
      fmt.x(vsAjv),
      goal.map((g) => `${verdict(g.pass)} (${g.target.replace(/^[^:]*: /, '')}: ${g.value})`).join('; '),
    ];
  });
}

const HEADER = ['Files', 'Command', 'Runs', 'Median wall (s)', 'Peak RSS (MB)', '× node -e 0', '× ajv-cli', 'Target'];
/** Columns aligned right. */
const NUMERIC = new Set([2, 3, 4, 5, 6]);

/** @param {string[][]} body */
function textTable(body) {
  const all = [HEADER, ...body];
  const widths = HEADER.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** @param {string[][]} body */
function markdownTable(body) {
  const esc = (/** @type {string} */ cell) => cell.replaceAll('|', '\\|');
  const align = HEADER.map((_, c) => (NUMERIC.has(c) ? '---:' : '---'));
  return [HEADER, align, ...body].map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n');
}

/** The version and commit of subproc measured, and whether its sources differ from the commit. */
function subprocVersion() {
  const pkg = /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return `subproc ${pkg.version}`;
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'scripts', 'policies', 'schemas', 'bin', 'package.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return `subproc ${pkg.version} at commit ${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

/**
 * A cache holding what main's files yield and nothing of the pull request's, as a CI job finds it after restoring
 * the cache saved on the base branch: filled once by `check --base main --head main` (what the review-cache workflow
 * runs on each push to main: it keeps main's files and main's per-entry findings), saved, and put back before each run.
 * @param {string} dir @param {string} tmp
 */
function warmCache(dir, tmp) {
  const folder = join(tmp, 'cache');
  const saved = join(tmp, 'cache-of-main');
  rmSync(folder, { recursive: true, force: true });
  const env = { ...GIT_ENV, SUBPROC_CACHE_DIR: folder, SUBPROC_NO_CACHE: '' };
  const filled = spawnSync(NODE, [CLI, 'check', '--base', 'main', '--head', 'main', '--format', 'json'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (filled.status !== 0)
    throw new Error(`subproc check --base main --head main (filling the cache) exited with ${filled.status}: ${filled.stderr}`);
  rmSync(saved, { recursive: true, force: true });
  cpSync(folder, saved, { recursive: true });
  const entries = spawnSync('find', [saved, '-name', '*.entry'], { encoding: 'utf8', maxBuffer: 1 << 30 })
    .stdout.split('\n')
    .filter(Boolean).length;
  return {
    folder,
    saved,
    env,
    entries,
    restore: () => {
      rmSync(folder, { recursive: true, force: true });
      cpSync(saved, folder, { recursive: true });
    },
  };
}

/** How many files the pull request changes. @param {string} dir */
function changedFiles(dir) {
  const diff = spawnSync('git', ['diff', '--name-only', 'main', PR_BRANCH], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  return diff.stdout.split('\n').filter(Boolean).length;
}

function gitVersion() {
  const result = spawnSync('git', ['--version'], { encoding: 'utf8' });
  return result.stdout.trim() || 'git not found';
}

async function main() {
  const opts = options();
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!existsSync(join(ROOT, 'build', 'scripts', 'cli', 'main.js'))) {
    throw new UsageError('the command line is not built: run npm run build (npm ci runs it)');
  }
  const require = createRequire(import.meta.url);
  /** @type {string} */
  let ajvCli;
  try {
    const pkgFile = require.resolve('ajv-cli/package.json');
    const pkg = /** @type {{ bin: string | Record<string, string> }} */ (JSON.parse(readFileSync(pkgFile, 'utf8')));
    ajvCli = join(dirname(pkgFile), typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin.ajv ?? 'dist/index.js'));
  } catch {
    throw new UsageError('ajv-cli is not installed: run npm ci (it is a devDependency)');
  }
  if (spawnSync('git', ['--version']).status !== 0) throw new UsageError('git is not installed');

  const tmp = mkdtempSync(join(tmpdir(), 'subproc-bench-'));
  const cleanup = () => {
    if (opts.keep) log(`kept the generated repositories in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const scratch = join(tmp, 'scratch');
    mkdirSync(scratch);
    const method = rssMethod(scratch);
    const ctx = { runs: opts.runs, warmup: opts.warmup, method, scratch };
    const today = new Date().toISOString().slice(0, 10);
    const startVersion = subprocVersion();
    const large = opts.sizes.some((size) => size >= LARGE)
      ? `; ${opts.largeRuns} run(s), no warm-up, from ${LARGE.toLocaleString('en-US')} files`
      : '';
    log(
      `subproc bench: sizes ${opts.sizes.join(', ')}, ${opts.runs} run(s) after ${opts.warmup} warm-up${large}; peak RSS by ${method}; in ${tmp}`,
    );

    // One signing key for every repository, its secret outside them all: keygen refuses a secret inside the folder
    // it runs in, so it runs in a folder of its own.
    const secretFile = join(tmp, 'secret.key');
    const keyHome = join(tmp, 'key-home');
    mkdirSync(keyHome, { recursive: true });
    const keygen = spawnSync(NODE, [CLI, 'keygen', '--out', 'keys', '--secret-file', secretFile], {
      cwd: keyHome,
      env: GIT_ENV,
      encoding: 'utf8',
    });
    if (keygen.status !== 0) throw new Error(`subproc keygen failed: ${keygen.stderr}`);
    const publicKey = readFileSync(join(keyHome, 'keys', 'minisign.pub'), 'utf8');

    log('baselines');

    // The small-registry target: the shipped registry in a repository of its own, checked as the README says.
    const shippedDir = join(tmp, 'shipped');
    mkdirSync(shippedDir);
    cpSync(join(ROOT, 'registry'), join(shippedDir, 'registry'), { recursive: true });
    git(['init', '-q', '-b', 'main'], shippedDir);
    git(['add', '-A'], shippedDir);
    git(['commit', '-q', '--no-verify', '-m', 'shipped registry'], shippedDir);
    log('shipped registry (24 subprocessors)');
    await benchRounds(
      [
        { size: '—', label: 'node -e 0', command: NODE, args: ['-e', '0'], cwd: tmp },
        { size: SHIPPED, label: 'subproc check', command: NODE, args: [CLI, 'check', '--no-cache'], cwd: shippedDir },
        { size: SHIPPED, label: 'subproc validate', command: NODE, args: [CLI, 'validate', '--no-cache'], cwd: shippedDir },
      ],
      ctx,
    );

    /** @type {string[]} */
    const notes = [];
    for (const size of opts.sizes) {
      const dir = join(tmp, `registry-${size}`);
      mkdirSync(dir);
      const started = performance.now();
      const generated = generateRepository({ dir, size, today, publicKey });
      const seconds = (performance.now() - started) / 1000;
      const summary = sanityCheck(dir);
      const note = `${size.toLocaleString('en-US')} files: generated and committed in ${seconds.toFixed(1)} s; pull request ${summary}`;
      notes.push(note);
      log(
        `\n${note} (${generated.pr.added.length} additions, ${generated.pr.retired.length} retirement, ${generated.pr.tasks.length + generated.pr.mechanisms.length} edits)`,
      );
      const label = String(size);
      const sized = size >= LARGE ? { ...ctx, runs: opts.largeRuns, warmup: 0 } : ctx;
      const ajvArgs = [ajvCli, 'validate', '--spec=draft2020', '-c', 'ajv-formats'];
      ajvArgs.push('-s', join(ROOT, 'schemas', 'subprocessor.schema.json'), '-r', join(ROOT, 'schemas', 'common.schema.json'));
      ajvArgs.push('-d', 'registry/subprocessors/*.yaml');
      const checkArgs = [CLI, 'check', '--base', 'main', '--head', PR_BRANCH, '--format', 'json'];
      const warm = warmCache(dir, tmp);
      log(`pull request: ${changedFiles(dir)} files changed; the base's cache holds ${warm.entries} entries`);
      // The baseline and the commands it is compared with run in the same rounds; the cold ones without the cache.
      await benchRounds(
        [
          { size: label, label: AJV, command: NODE, args: ajvArgs, cwd: dir },
          { size: label, label: VALIDATE, command: NODE, args: [CLI, 'validate', 'registry', '--no-cache'], cwd: dir },
          { size: label, label: CHECK, command: NODE, args: [...checkArgs, '--no-cache'], cwd: dir },
          { size: label, label: WARM, command: NODE, args: checkArgs, cwd: dir, env: warm.env, before: warm.restore },
        ],
        sized,
      );
      rmSync(warm.folder, { recursive: true, force: true });
      rmSync(warm.saved, { recursive: true, force: true });
      await benchRelease(label, dir, secretFile, sized);
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    }

    const measured =
      subprocVersion() === startVersion ? startVersion : `${startVersion}, then ${subprocVersion()} (it changed during the run)`;
    const goals = targets(opts.sizes);
    const body = tableRows(goals);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const machine = `${availableParallelism()} cores (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${type()} ${release()}; Node ${process.version}; ${gitVersion()}`;
    const argv = process.argv.slice(2);
    const command =
      process.env.npm_lifecycle_event === 'bench'
        ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`
        : `node bench/run.js ${argv.join(' ')}`.trim();
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const goalLines = goals.map((g) => `- ${verdict(g.pass)}: ${g.target}: ${g.value}`);

    process.stdout.write(
      `\n${textTable(body)}\n\nTargets (issues 6 and 16):\n${goalLines.join('\n')}\n\n${date}; ${machine}; ${subprocVersion()}\n`,
    );
    if (opts.results !== undefined) {
      const md = [
        '# Benchmark results',
        '',
        `Made by \`${command}\` on ${date}.`,
        '',
        `Machine: ${machine}.`,
        '',
        `Measured: ${measured}.`,
        '',
        [
          `Each figure is the median of the runs in the Runs column, after ${opts.warmup} unrecorded warm-up run(s) (none from ${LARGE.toLocaleString('en-US')} files).`,
          `Wall time is measured around the process; peak RSS is its maximum resident set (${method === 'gnu-time' ? 'GNU time, %M' : method === 'proc-poll' ? 'VmHWM polled from /proc' : 'not measured'}).`,
          'Ratios are to the median of `node -e 0` and of `ajv-cli validate` on the same files',
          "(`ajv validate --spec=draft2020 -c ajv-formats -s schemas/subprocessor.schema.json -r schemas/common.schema.json -d 'registry/subprocessors/*.yaml'`,",
          'which only validates). `subproc check --base` compares `main` with a pull-request branch, both read from git, with',
          '`--format json` to /dev/null. `build`, `sign` and `verify` run in the work tree (main). Registries are synthetic',
          '(bench/generate.js): a mix of EEA and non-EEA places with valid mechanisms, regions, user scopes, retired',
          'entries and eight categories; the pull request adds five vendors, retires one and edits six.',
          "The cold rows run with `--no-cache`; the warm-cache row runs `check --base` with a cache that holds what main's",
          "files yield (filled by `validate --ref main`) and nothing of the pull request's, put back before each run.",
        ].join('\n'),
        '',
        markdownTable(body),
        '',
        '## Targets (issues 6 and 16)',
        '',
        ...goalLines,
        '',
        '## Data',
        '',
        ...notes.map((n) => `- ${n}`),
        '',
      ].join('\n');
      mkdirSync(dirname(opts.results), { recursive: true });
      writeFileSync(opts.results, md);
      log(`\nwrote ${relative(process.cwd(), opts.results) || opts.results}`);
    }
    return 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (/** @type {unknown} */ error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
