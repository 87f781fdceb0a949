import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Report } from '../engine/report.js';
import { unifiedDiff } from '../format/unified-diff.js';
import { runFixing } from '../pipeline/fix.js';
import type { RegistrySource } from '../registry/source.js';
import { UsageError, type Io } from './io.js';
import type { TextFormat } from './print.js';

export const FIX_OPTIONS = {
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
} as const;

export interface FixRequest {
  readonly mode: 'none' | 'fix' | 'dry-run';
}

/**
 * --fix and --fix-dry-run, checked against the rest of the command line: they rewrite the work tree, so a registry
 * read from git (`gitRef`, the flag that named it) cannot be fixed, and the dry run's diff is the standard output,
 * so it goes with the stylish report only.
 */
export function fixRequest(
  command: string,
  values: { readonly fix?: boolean | undefined; readonly 'fix-dry-run'?: boolean | undefined },
  gitRef: string | undefined,
  format: TextFormat,
): FixRequest {
  const fix = values.fix === true;
  const dryRun = values['fix-dry-run'] === true;
  if (!fix && !dryRun) return { mode: 'none' };
  const flag = fix ? '--fix' : '--fix-dry-run';
  if (fix && dryRun)
    throw new UsageError(
      `${command}: --fix and --fix-dry-run contradict each other`,
      'Give one: --fix-dry-run shows what --fix would write.',
    );
  if (gitRef !== undefined) {
    throw new UsageError(
      `${command}: ${flag} rewrites files of the work tree, and ${gitRef} reads the registry from git`,
      'Check out the branch and run it on the work tree.',
    );
  }
  if (dryRun && format !== 'stylish') {
    throw new UsageError(
      `${command}: --fix-dry-run prints a diff, which does not mix with --format ${format}`,
      'Drop --format, or use --fix.',
    );
  }
  return { mode: fix ? 'fix' : 'dry-run' };
}

/**
 * Runs the command's check on the work tree, with the fixes its findings carry applied as asked: written to the
 * files (--fix, saying which on stderr), or shown as a unified diff on stdout (--fix-dry-run, nothing written). The
 * report returned is the run on the fixed text: what remains.
 */
export async function runWithFixes(
  request: FixRequest,
  head: RegistrySource,
  registryDir: string,
  run: (head: RegistrySource) => Promise<Report>,
  io: Io,
): Promise<Report> {
  if (request.mode === 'none') return run(head);
  const { report, files } = await runFixing(head, run);
  const root = resolve(io.cwd, registryDir);
  if (request.mode === 'dry-run') {
    for (const file of files) io.stdout.write(unifiedDiff(file.file, file.before, file.after));
    if (files.length > 0) io.stdout.write('\n');
    return report;
  }
  for (const file of files) {
    await writeFile(join(root, file.relative), file.after);
    io.stderr.write(`fixed ${file.file}: ${file.fixes} ${file.fixes === 1 ? 'replacement' : 'replacements'}\n`);
  }
  if (files.length === 0) io.stderr.write('nothing to fix: no finding names one exact replacement\n');
  return report;
}
