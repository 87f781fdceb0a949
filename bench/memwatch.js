// @ts-check
/**
 * Preloaded into a command (node --import ./bench/memwatch.js ...), it samples process.memoryUsage() every 20 ms
 * and, at exit, writes the peak of each figure and when it was reached, as JSON, to the file named by
 * SUBPROC_BENCH_MEMWATCH (default: stderr). It tells a peak RSS made of the V8 heap (live objects, or garbage the
 * collector has not reclaimed yet) from one made of Buffers (external, arrayBuffers). bench/profile.js --memory
 * uses it.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setInterval } from 'node:timers';

/** @typedef {'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers'} Figure */
/** @type {Figure[]} */
const FIGURES = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'];
/** @type {Record<Figure, { mb: number; atMs: number }>} */
const peak = {
  rss: { mb: 0, atMs: 0 },
  heapTotal: { mb: 0, atMs: 0 },
  heapUsed: { mb: 0, atMs: 0 },
  external: { mb: 0, atMs: 0 },
  arrayBuffers: { mb: 0, atMs: 0 },
};

function sample() {
  const usage = process.memoryUsage();
  const atMs = Math.round(performance.now());
  for (const figure of FIGURES) {
    const mb = Math.round(usage[figure] / 1e6);
    if (mb > peak[figure].mb) peak[figure] = { mb, atMs };
  }
}

setInterval(sample, 20).unref();
process.on('exit', () => {
  sample();
  const out = process.env.SUBPROC_BENCH_MEMWATCH;
  const text = `${JSON.stringify({ peakMb: peak })}\n`;
  if (out === undefined) process.stderr.write(text);
  else writeFileSync(out, text);
});
