import type { BuildOptions } from 'esbuild';
import { packageRoot } from '../paths.js';

/**
 * What every bundle subproc makes shares (the GitHub Action's, scripts/tools/build-action.ts, and the command line's,
 * scripts/tools/build-cli.ts): code for the oldest Node the package supports, read from the package root, with the
 * same bytes for the same sources so that a stale bundle shows as a difference.
 */
export const NODE_BUNDLE_OPTIONS = {
  absWorkingDir: packageRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  charset: 'utf8',
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Where `npm run build` writes the command line's bundle (scripts/tools/build-cli.ts), which bin/subproc.js runs. */
export const CLI_BUNDLE_DIR = 'build/bundle';
export const CLI_BUNDLE = `${CLI_BUNDLE_DIR}/main.cjs`;
