import { readFileSync } from 'node:fs';
import { UsageError } from '../cli/io.js';

/** What the action reads of a pull_request or pull_request_target event. */
export interface PullRequestContext {
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** owner/name of the head repository; differs from the base's for a fork (null when the fork was deleted). */
  readonly headRepository: string | undefined;
  readonly baseRepository: string;
  readonly headHtmlUrl: string | undefined;
  readonly baseHtmlUrl: string;
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) at = isRecord(at) ? at[key] : undefined;
  return at;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The pull request of GITHUB_EVENT_PATH when GITHUB_EVENT_NAME is a pull-request event, else undefined. A payload
 * without the fields GitHub always sends is an environment error, not something to guess around.
 */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv): PullRequestContext | undefined {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(name)) return undefined;
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new UsageError(`GITHUB_EVENT_PATH is not set on a ${name} event`, 'Run the action in a GitHub Actions job.');
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the event payload ${path}: ${(error as Error).message}`);
  }
  const pr = field(payload, 'pull_request');
  const number = field(pr, 'number');
  const baseSha = field(pr, 'base.sha');
  const headSha = field(pr, 'head.sha');
  const baseRepository = field(pr, 'base.repo.full_name');
  const baseHtmlUrl = field(pr, 'base.repo.html_url');
  if (
    typeof number !== 'number' ||
    typeof baseSha !== 'string' ||
    !SHA.test(baseSha) ||
    typeof headSha !== 'string' ||
    !SHA.test(headSha) ||
    typeof baseRepository !== 'string' ||
    typeof baseHtmlUrl !== 'string'
  ) {
    throw new UsageError(
      `the ${name} payload in ${path} lacks pull_request.number, base.sha, head.sha or base.repo`,
      'The action reads the event GitHub writes; pass base and head as inputs to review other commits.',
    );
  }
  const headRepository = field(pr, 'head.repo.full_name');
  const headHtmlUrl = field(pr, 'head.repo.html_url');
  return {
    number,
    baseSha,
    headSha,
    baseRepository,
    baseHtmlUrl,
    headRepository: typeof headRepository === 'string' ? headRepository : undefined,
    headHtmlUrl: typeof headHtmlUrl === 'string' ? headHtmlUrl : undefined,
  };
}
