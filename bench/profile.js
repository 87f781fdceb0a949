// @ts-check
/**
 * Profiles one benchmark command with node --cpu-prof and summarises where the time goes (bench/cpuprofile.js).
 *
 *   node bench/profile.js [--size 10000] [--command check|validate|build|shipped-check|ajv] [--top 20] [--out DIR] [--memory]
 *
 * It generates the registry like the benchmark (bench/generate.js) in a temporary folder, runs the command once
 * under the profiler, prints the summary, and removes the folder. --out DIR keeps the .cpuprofile there (open it in
 * Chrome DevTools, Performance tab, or https://www.speedscope.app). --memory also reports the peaks of the V8 heap,
 * of Buffers and of RSS during the run (bench/memwatch.js), to tell live data from garbage and from buffers.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { report } from './cpuprofile.js';
import { generateRepository, git, GIT_ENV, PR_BRANCH } from './generate.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(ROOT, 'bin', 'subproc.js');

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    command: { type: 'string', default: 'check' },
    top: { type: 'string', default: '20' },
    out: { type: 'string' },
    memory: { type: 'boolean', default: false },
  },
});
const commands = ['check', 'validate', 'build', 'shipped-check', 'ajv'];
if (!commands.includes(values.command)) {
  process.stderr.write(`--command must be one of ${commands.join(', ')}\n`);
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'subproc-profile-'));
try {
  const dir = join(tmp, 'repo');
  mkdirSync(dir);
  if (values.command === 'shipped-check') {
    cpSync(join(ROOT, 'registry'), join(dir, 'registry'), { recursive: true });
    git(['init', '-q', '-b', 'main'], dir);
    git(['add', '-A'], dir);
    git(['commit', '-q', '-m', 'shipped registry'], dir);
  } else {
    generateRepository({ dir, size: Number(values.size), today: new Date().toISOString().slice(0, 10) });
  }
  const profDir = values.out === undefined ? join(tmp, 'profiles') : resolve(values.out);
  mkdirSync(profDir, { recursive: true });
  const before = new Set(readdirSync(profDir));
  const ajvArgs = [join(ROOT, 'node_modules', 'ajv-cli', 'dist', 'index.js'), 'validate', '--spec=draft2020', '-c', 'ajv-formats'];
  ajvArgs.push('-s', join(ROOT, 'schemas', 'subprocessor.schema.json'), '-r', join(ROOT, 'schemas', 'common.schema.json'));
  ajvArgs.push('-d', 'registry/subprocessors/*.yaml');
  /** @type {Record<string, string[]>} */
  const argsFor = {
    check: [CLI, 'check', '--base', 'main', '--head', PR_BRANCH, '--format', 'json'],
    validate: [CLI, 'validate', 'registry'],
    build: [CLI, 'build'],
    'shipped-check': [CLI, 'check'],
    ajv: ajvArgs,
  };
  const args = argsFor[values.command] ?? [];
  const memFile = join(tmp, 'memory.json');
  const memFlags = values.memory ? ['--import', pathToFileURL(join(ROOT, 'bench', 'memwatch.js')).href] : [];
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, ...memFlags, ...args], {
    cwd: dir,
    env: { ...GIT_ENV, SUBPROC_BENCH_MEMWATCH: memFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0 && !(values.command === 'build' && result.status === 1)) {
    throw new Error(`${values.command} exited with ${result.status}: ${result.stderr}`);
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (file === undefined) throw new Error('no .cpuprofile was written');
  const label = values.command === 'shipped-check' ? 'shipped registry' : `${Number(values.size).toLocaleString('en-US')} files`;
  process.stdout.write(`${values.command} on ${label}: ${wall.toFixed(2)} s wall under the profiler\n`);
  process.stdout.write(`${report(JSON.parse(readFileSync(join(profDir, file), 'utf8')), Number(values.top))}\n`);
  if (values.memory) {
    const { peakMb } = /** @type {{ peakMb: Record<string, { mb: number; atMs: number }> }} */ (JSON.parse(readFileSync(memFile, 'utf8')));
    const figures = Object.entries(peakMb).map(([figure, { mb, atMs }]) => `${figure} ${mb} MB at ${(atMs / 1000).toFixed(1)} s`);
    process.stdout.write(`memory peaks (profiler running): ${figures.join(', ')}\n`);
  }
  if (values.out !== undefined) process.stdout.write(`profile: ${join(profDir, file)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
