import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfShippedRegistry, tempDir } from '../helpers/temp-registry.js';
import { subproc } from './fixtures.js';

describe('release folders given as absolute paths', () => {
  const work = copyOfShippedRegistry();
  const out = tempDir('subproc-out-');
  afterAll(() => {
    work.cleanup();
    out.cleanup();
  });

  it('release --out /abs/path writes there, not under the working folder', () => {
    const result = subproc(['release', '--out', join(out.dir, 'dist')], work.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^⚠ 0 errors, 7 warnings: 24 subprocessors valid/);
    expect(existsSync(join(out.dir, 'dist', 'subprocessors.json.minisig'))).toBe(true);
    expect(existsSync(join(work.dir, out.dir.slice(1)))).toBe(false);
  });
});
