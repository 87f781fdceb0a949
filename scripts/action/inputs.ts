import { UsageError } from '../cli/io.js';
import { TEXT_FORMATS, type TextFormat } from '../cli/print.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { readInput, takeInput } from './runner.js';

export const MODES = ['review', 'comment', 'release'] as const;
export const FAIL_ON = ['error', 'warning', 'never'] as const;
/** release.yml splits a release over three jobs so that the signing key never shares one with a write token. */
export const RELEASE_STEPS = ['all', 'build', 'sign', 'publish'] as const;

export interface ActionInputs {
  readonly mode: (typeof MODES)[number];
  readonly registry: string;
  readonly base: string;
  readonly head: string;
  readonly format: TextFormat;
  readonly failOn: (typeof FAIL_ON)[number];
  readonly releaseStep: (typeof RELEASE_STEPS)[number];
  readonly token: string;
  /** Only for the signing step; never in process.env, never logged. */
  readonly signingKey: string;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = readInput(env, name) || fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`the input ${name} must be one of ${allowed.join(', ')}, not "${value}"`, 'See action.yml for the inputs.');
}

/**
 * Reads the inputs, and removes the two secret ones (github-token, signing-key) from `env`, which is process.env in
 * the action: git and every other child process inherit it.
 */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const token = takeInput(env, 'github-token');
  const signingKey = takeInput(env, 'signing-key');
  return {
    mode: oneOf(env, 'mode', MODES, 'review'),
    registry: readInput(env, 'registry') || DEFAULT_REGISTRY_DIR,
    base: readInput(env, 'base'),
    head: readInput(env, 'head'),
    format: oneOf(env, 'format', TEXT_FORMATS, 'github'),
    failOn: oneOf(env, 'fail-on', FAIL_ON, 'error'),
    releaseStep: oneOf(env, 'release-step', RELEASE_STEPS, 'all'),
    token,
    signingKey,
  };
}
