import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, type CliResult } from './run-cli.js';

/**
 * Compares a CLI run (exit code, stdout, stderr) with test/golden/NAME.txt. UPDATE_GOLDEN=1 rewrites the file;
 * the diff then shows in review what a user will see differently. A missing file is written on a developer's
 * machine, but fails under CI: there, writing it would make the comparison pass with nothing to compare against.
 */
export function expectGolden(name: string, result: CliResult, replace: [RegExp, string][] = []): void {
  const scrub = (text: string) => replace.reduce((out, [pattern, by]) => out.replace(pattern, by), text);
  const actual = `exit code: ${result.code}\n--- stdout\n${scrub(result.stdout)}--- stderr\n${scrub(result.stderr)}`;
  const file = join(ROOT, 'test', 'golden', `${name}.txt`);
  if (!existsSync(file) && process.env.CI) throw new Error(`${file} is missing: run the test locally to write it, review it and commit it`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
