import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../scripts/diagnostics/apply-fixes.js';
import { closest } from '../scripts/diagnostics/suggest.js';
import { unifiedDiff } from '../scripts/format/unified-diff.js';
import { fullLocator, lazyLocator } from '../scripts/registry/parse-yaml.js';
import { tempDir } from './helpers/temp-registry.js';

describe('applyFixes', () => {
  it('applies fixes in order of position, whatever order they come in', () => {
    const text = 'a: one\nb: two\n';
    const result = applyFixes(text, [
      { range: [10, 13], text: 'TWO' },
      { range: [3, 6], text: 'ONE' },
    ]);
    expect(result).toEqual({ text: 'a: ONE\nb: TWO\n', applied: 2, deferred: 0 });
  });

  it('defers a fix that overlaps one before it, and one out of the text; a repeated fix is one', () => {
    const result = applyFixes('abcdef', [
      { range: [1, 3], text: 'X' },
      { range: [2, 4], text: 'Y' },
      { range: [1, 3], text: 'X' },
      { range: [5, 9], text: 'Z' },
    ]);
    expect(result).toEqual({ text: 'aXdef', applied: 1, deferred: 2 });
  });
});

describe('the locator’s replacement: the scalar, in the quotes it had', () => {
  const text = [
    'plain: fr   # comment',
    "single: 'fr'",
    'double: "fr" # c',
    'block: |',
    '  fr',
    'flow: [fr, "de"]',
    'tyop: x',
    'typo: y',
    '',
  ].join('\n');
  const replace = (path: (string | number)[], target: 'key' | 'value', value: string) => {
    const fix = fullLocator(text).replacement?.(path, target, value);
    return fix === undefined ? undefined : applyFixes(text, [fix]).text.split('\n');
  };

  it.each([
    [['plain'], 'plain: FR   # comment', 0],
    [['single'], "single: 'FR'", 1],
    [['double'], 'double: "FR" # c', 2],
    [['flow', 0], 'flow: [FR, "de"]', 5],
    [['flow', 1], 'flow: [fr, "FR"]', 5],
  ] as const)('%j', (path, line, index) => {
    expect(replace([...path], 'value', 'FR')?.[index]).toBe(line);
  });

  it('quotes a plain value that would read as something else (true, a number)', () => {
    expect(replace(['plain'], 'value', 'true')?.[0]).toBe('plain: "true"   # comment');
    expect(replace(['plain'], 'value', '1.5')?.[0]).toBe('plain: "1.5"   # comment');
  });

  it('renames a key, unless the mapping has that key already', () => {
    expect(replace(['tyop'], 'key', 'type')?.[6]).toBe('type: x');
    expect(replace(['tyop'], 'key', 'typo')).toBeUndefined();
  });

  it('leaves block scalars, missing paths and text that is not simple words alone', () => {
    expect(replace(['block'], 'value', 'FR')).toBeUndefined();
    expect(replace(['absent'], 'value', 'FR')).toBeUndefined();
    expect(replace(['plain'], 'value', 'a: b')).toBeUndefined();
    expect(replace(['plain'], 'value', "it's")).toBeUndefined();
  });

  it('the lazy locator (the simple reader first) gives the same fix as the full one', () => {
    expect(lazyLocator(text).replacement?.(['double'], 'value', 'FR')).toEqual(fullLocator(text).replacement?.(['double'], 'value', 'FR'));
  });
});

describe('closest: a suggestion is exact only when no other candidate is as close', () => {
  it.each([
    ['actve', ['active', 'retired'], { best: 'active', unique: true }],
    ['retive', ['active', 'retired'], { best: 'active', unique: false }],
    ['zzzzzz', ['active', 'retired'], undefined],
  ] as const)('%s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toEqual(expected);
  });
});

describe('unifiedDiff, checked by patch(1)', () => {
  const temp = tempDir('subproc-diff-');
  afterAll(temp.cleanup);
  const lines = (n: number, change: (i: number) => string | undefined = () => undefined) =>
    Array.from({ length: n }, (_, i) => change(i) ?? `line ${i + 1}`).join('\n') + '\n';

  it.each([
    ['one change in the middle', lines(20), lines(20, (i) => (i === 9 ? 'LINE 10' : undefined))],
    ['two far apart: two hunks', lines(30), lines(30, (i) => (i === 2 || i === 25 ? `X${i}` : undefined))],
    ['two close: one hunk', lines(30), lines(30, (i) => (i === 10 || i === 14 ? `X${i}` : undefined))],
    ['the first and last lines', lines(5), lines(5, (i) => (i === 0 || i === 4 ? `X${i}` : undefined))],
  ])('%s', (name, before, after) => {
    const diff = unifiedDiff('f.txt', before, after);
    const file = join(temp.dir, 'f.txt');
    writeFileSync(file, before);
    writeFileSync(join(temp.dir, 'f.patch'), diff);
    const result = spawnSync('patch', ['-p1', '--quiet', '-i', 'f.patch'], { cwd: temp.dir, encoding: 'utf8' });
    expect(result.status, `${name}\n${diff}\n${result.stdout}${result.stderr}`).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('f', 'a\n', 'a\n')).toBe('');
  });

  it('marks two hunks far apart as such', () => {
    const diff = unifiedDiff(
      'f.txt',
      lines(30),
      lines(30, (i) => (i === 2 || i === 25 ? `X${i}` : undefined)),
    );
    expect(diff.match(/^@@ /gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,6 +1,6 @@\n line 1\n line 2\n-line 3\n+X2\n');
  });
});
