import type { Fix } from './diagnostic.js';

export interface Applied {
  readonly text: string;
  /** Fixes written. */
  readonly applied: number;
  /** Fixes left for another pass: they overlap one applied before them, as ESLint leaves them. */
  readonly deferred: number;
}

/**
 * Writes every fix that overlaps no other into `text`, first come first served in order of position; the others
 * wait for the next pass, which runs on the fixed text. Two fixes of the same range and text are one.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): Applied {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let deferred = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < 0 || end < start || end > text.length) {
      deferred++;
      continue;
    }
    const last = chosen.at(-1);
    if (last && last.range[0] === start && last.range[1] === end && last.text === fix.text) continue;
    if (last && start < last.range[1]) {
      deferred++;
      continue;
    }
    chosen.push(fix);
  }
  let out = '';
  let at = 0;
  for (const fix of chosen) {
    out += text.slice(at, fix.range[0]) + fix.text;
    at = fix.range[1];
  }
  return { text: out + text.slice(at), applied: chosen.length, deferred };
}
