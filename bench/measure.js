// @ts-check
/**
 * Runs one command and measures it: wall time (performance.now around the child, millisecond resolution) and peak
 * resident set size. The peak comes from GNU time (/usr/bin/time -f %M, the kernel's ru_maxrss of the child) when
 * it is installed; otherwise from polling /proc/PID/status (VmHWM) every few milliseconds, which can miss a peak
 * reached in the last milliseconds; otherwise it is not measured.
 */
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const GNU_TIME = '/usr/bin/time';

/** @typedef {'gnu-time' | 'proc-poll' | 'none'} RssMethod */

/**
 * How peak memory can be measured here.
 * @param {string} scratch a folder for a probe file
 * @returns {RssMethod}
 */
export function rssMethod(scratch) {
  if (existsSync(GNU_TIME)) {
    const probe = join(scratch, 'time-probe');
    const result = spawnSync(GNU_TIME, ['-f', '%e %M', '-o', probe, process.execPath, '-e', '0'], { stdio: 'ignore' });
    const text = result.status === 0 && existsSync(probe) ? readFileSync(probe, 'utf8') : '';
    rmSync(probe, { force: true });
    if (/^\d+(\.\d+)? [1-9]\d*\s*$/m.test(text)) return 'gnu-time';
  }
  return existsSync('/proc/self/status') ? 'proc-poll' : 'none';
}

/**
 * @typedef {{ wallMs: number; rssKb: number | undefined; code: number; stderr: string }} Sample
 * @typedef {{ cwd: string; env?: NodeJS.ProcessEnv; method: RssMethod; scratch: string }} RunOptions
 */

/** @param {number} pid @returns {number | undefined} VmHWM in KiB */
function vmHwm(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Runs `command args` with stdout discarded (as `> /dev/null`) and stderr kept, and measures it.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} options
 * @returns {Promise<Sample>}
 */
export async function runMeasured(command, args, { cwd, env = process.env, method, scratch }) {
  const timeFile = join(scratch, 'time-output');
  const [file, argv] = method === 'gnu-time' ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  /** @type {Buffer[]} */
  const err = [];
  let errBytes = 0;
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
    // Enough to show what went wrong; a runaway stderr must not fill the harness's memory.
    if (errBytes < 1 << 20) err.push(chunk);
    errBytes += chunk.length;
  });
  let peak = 0;
  let polling = method === 'proc-poll';
  const poller = (async () => {
    while (polling && child.pid !== undefined) {
      peak = Math.max(peak, vmHwm(child.pid) ?? 0);
      await sleep(5);
    }
  })();
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolve(status ?? (signal ? 128 : 1));
    });
  });
  const wallMs = performance.now() - started;
  polling = false;
  await poller;
  let rssKb = method === 'proc-poll' && peak > 0 ? peak : undefined;
  let exit = /** @type {number} */ (code);
  if (method === 'gnu-time') {
    // GNU time writes "Command exited with non-zero status N" first when the command fails; the figures come last.
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const figures = /^(\d+(?:\.\d+)?) (\d+)$/.exec(lines.at(-1) ?? '');
    rssKb = figures?.[2] === undefined ? undefined : Number(figures[2]);
    const failed = /non-zero status (\d+)/.exec(lines[0] ?? '');
    if (failed?.[1] !== undefined) exit = Number(failed[1]);
    rmSync(timeFile, { force: true });
  }
  return { wallMs, rssKb, code: exit, stderr: Buffer.concat(err).toString('utf8') };
}

/** @param {readonly number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
