import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { DANGER } from './danger.js';
import type { CliResult } from './run-cli.js';

type PullRequestEvent = WebhookDefinition<'pull_request'>['examples'][number];
export type PullRequestEventPayload = Extract<PullRequestEvent, { action: 'opened' | 'synchronize' }>;

export interface PullRequestEventOptions {
  action: 'opened' | 'synchronize';
  /** 'owner/name' */
  repo: string;
  number: number;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  title?: string;
  body?: string | null;
  /** Login of the pull request's author, also the event's sender. */
  author?: string;
  /** For synchronize: the head before the push. Defaults to the base SHA, as in GitHub's own example. */
  before?: string;
}

// The example's own identifiers, rewritten wherever they appear so that every URL agrees with the overrides.
const EXAMPLE_SLUG = 'Codertocat/Hello-World';
const EXAMPLE_NUMBER = 2;

function example(action: PullRequestEventOptions['action']): PullRequestEventPayload {
  // The package's main is a JSON file, which an ES module cannot import without an import attribute.
  const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
  const pullRequest = definitions.find((d): d is WebhookDefinition<'pull_request'> => d.name === 'pull_request');
  const found = pullRequest?.examples.find((e): e is PullRequestEventPayload => e.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no pull_request.${action} example`);
  return found;
}

/** Replaces a login inside one user object: its login and the URLs built from it. */
function renamed<T extends { login: string }>(user: T, login: string): T {
  return JSON.parse(
    JSON.stringify(user).replaceAll(`"${user.login}"`, JSON.stringify(login)).replaceAll(`/${user.login}`, `/${login}`),
  ) as T;
}

/**
 * The GITHUB_EVENT_PATH payload of a pull_request (or pull_request_target, same payload) event: GitHub's own
 * example from @octokit/webhooks-examples, with the repository, number, refs and SHAs of the pull request under
 * test, so the shape is exactly what Actions writes.
 */
export function pullRequestEvent(options: PullRequestEventOptions): PullRequestEventPayload {
  const source = example(options.action);
  const [owner, name] = options.repo.split('/');
  if (!owner || !name) throw new Error(`repo must be 'owner/name', got '${options.repo}'`);
  const text = JSON.stringify(source)
    .replaceAll(EXAMPLE_SLUG, options.repo)
    .replaceAll(`"${EXAMPLE_SLUG.split('/')[1] ?? ''}"`, JSON.stringify(name))
    .replace(new RegExp(`/(pulls?|issues)/${EXAMPLE_NUMBER}(?=[/.#"])`, 'g'), `/$1/${options.number}`)
    .replaceAll(source.pull_request.head.sha, options.head.sha)
    .replaceAll(source.pull_request.base.sha, options.base.sha);
  const event = JSON.parse(text) as PullRequestEventPayload;
  const pr = event.pull_request;

  event.number = options.number;
  pr.number = options.number;
  if (options.title !== undefined) pr.title = options.title;
  if (options.body !== undefined) pr.body = options.body;
  pr.head.ref = options.head.ref;
  pr.head.label = `${owner}:${options.head.ref}`;
  pr.base.ref = options.base.ref;
  pr.base.label = `${owner}:${options.base.ref}`;
  for (const repo of [event.repository, pr.base.repo, pr.head.repo]) {
    if (!repo) continue;
    repo.owner = renamed(repo.owner, owner);
    repo.default_branch = options.base.ref;
  }
  pr.base.user = renamed(pr.base.user, owner);
  pr.head.user = renamed(pr.head.user, owner);
  if (options.author !== undefined) {
    pr.user = renamed(pr.user, options.author);
    event.sender = renamed(event.sender, options.author);
    pr.assignees = [];
    pr.assignee = null;
  }
  if (event.action === 'synchronize') {
    event.after = options.head.sha;
    event.before = options.before ?? options.base.sha;
  }
  return event;
}

/** Writes the event to DIR/event.json and returns its path, for GITHUB_EVENT_PATH. */
export function writePullRequestEvent(dir: string, options: PullRequestEventOptions): string {
  const file = join(dir, 'event.json');
  writeFileSync(file, JSON.stringify(pullRequestEvent(options), null, 2));
  return file;
}

export interface GitHubActionsEnvOptions {
  /** The stand-in's URL, for DANGER_GITHUB_API_BASE_URL. */
  apiUrl: string;
  eventPath: string;
  eventName?: 'pull_request' | 'pull_request_target';
  repo: string;
  number: number;
  base: { ref: string };
  head: { ref: string; sha: string };
  token?: string;
  /** From loopbackOnlyNodeOptions(), so that nothing Danger starts can reach past 127.0.0.1. */
  nodeOptions?: string;
}

/**
 * The environment of a GitHub Actions job running `danger ci`, built from scratch: the host's own CI variables
 * (TRAVIS, CIRCLECI, GITHUB_*, a proxy) would otherwise decide which CI Danger believes it is on, or where its
 * requests go. Danger itself reads GITHUB_WORKFLOW (to pick GitHub Actions), GITHUB_EVENT_PATH, GITHUB_EVENT_NAME,
 * DANGER_GITHUB_API_TOKEN and DANGER_GITHUB_API_BASE_URL; the rest is what Actions sets alongside.
 */
export function githubActionsEnv(options: GitHubActionsEnvOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKFLOW: 'Registry review comment',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: options.eventPath,
    GITHUB_REPOSITORY: options.repo,
    GITHUB_REPOSITORY_OWNER: options.repo.split('/')[0],
    GITHUB_REF: `refs/pull/${options.number}/merge`,
    GITHUB_HEAD_REF: options.head.ref,
    GITHUB_BASE_REF: options.base.ref,
    GITHUB_SHA: options.head.sha,
    GITHUB_RUN_ID: '1',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    DANGER_GITHUB_API_TOKEN: options.token ?? 'ghs_standInToken',
    DANGER_GITHUB_API_BASE_URL: options.apiUrl,
    ...(options.nodeOptions === undefined ? {} : { NODE_OPTIONS: options.nodeOptions }),
  };
}

/**
 * Runs the real `danger ci`. Asynchronous on purpose: the stand-in answers from this same process, so a
 * spawnSync would block the event loop and Danger would wait on a server that cannot reply.
 */
export function runDangerCi(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DANGER, 'ci', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr: signal ? `${stderr}\n(killed by ${signal} after ${timeoutMs} ms)` : stderr });
    });
  });
}
