import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { components } from '@octokit/openapi-types';

type Schemas = components['schemas'];
export type SimpleUser = Schemas['simple-user'];
export type PullRequest = Schemas['pull-request'];
export type DiffEntry = Schemas['diff-entry'];
export type Commit = Schemas['commit'];
export type Issue = Schemas['issue'];
export type IssueComment = Schemas['issue-comment'];
export type CommitStatus = Schemas['status'];
export type Review = Schemas['pull-request-review'];
export type ReviewComment = Schemas['pull-request-review-comment'];
export type ContentFile = Schemas['content-file'];
type Repository = Schemas['repository'];
type BasicError = Schemas['basic-error'];
type ValidationError = Schemas['validation-error'];

/** A changed file as GitHub lists it: `patch` is the hunks only, from the first `@@`, with no `diff --git` header. */
export interface ChangedFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  patch?: string;
  previous_filename?: string;
}

export interface PullRequestCommit {
  sha: string;
  parents: string[];
  message: string;
  author?: { name: string; email: string; date: string };
}

export interface GitHubStandInOptions {
  /** 'owner/name'; every other repository is a 404, as a private one would be. */
  repo: string;
  number: number;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  title: string;
  body?: string | null;
  /** Login of the pull request's author. */
  author?: string;
  labels?: string[];
  files: ChangedFile[];
  /** The whole unified diff, served by GET /pulls/{n} with a diff media type. */
  diff: string;
  /** Oldest first, as GitHub lists them. Defaults to one commit, head on top of base. */
  commits?: PullRequestCommit[];
  /** Content of a file at a ref (branch name or SHA), for GET /contents/{path}; undefined makes it a 404. */
  fileContents?: (path: string, ref: string) => string | undefined;
  /** When set, any other credential gets GitHub's 401, so a test sees that the token was passed through. */
  token?: string;
  /** Comments already on the pull request when the run starts, e.g. one left by an earlier Danger run. */
  comments?: { body: string; login?: string }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: { accept?: string; authorization?: string; 'content-type'?: string; 'user-agent'?: string };
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when there was none. */
  body: unknown;
  /** GitHub's route template, e.g. 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}'; undefined for an unknown route. */
  route: string | undefined;
  status: number;
}

export interface GitHubStandIn {
  /** Base URL for DANGER_GITHUB_API_BASE_URL, without a trailing slash. */
  url: string;
  /** Every request, in arrival order, including the ones answered 404 or 401. */
  requests: RecordedRequest[];
  /** The pull request's issue comments as they stand now (deleted ones are gone). */
  comments: IssueComment[];
  statuses: CommitStatus[];
  reviews: Review[];
  /** Inline comments, whether posted alone or as part of a review. */
  reviewComments: ReviewComment[];
  /** Requests no route answered; an empty list means Danger called nothing the stand-in does not model. */
  unexpected: () => RecordedRequest[];
  close: () => Promise<void>;
}

const WEB = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';

/** The app user that GITHUB_TOKEN acts as; Danger's comments on Actions are posted as this user. */
const BOT_LOGIN = 'github-actions[bot]';
const BOT_ID = 41898282;

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handle: (request: ParsedRequest, params: string[]) => Reply;
}

interface ParsedRequest {
  query: URLSearchParams;
  accept: string;
  body: unknown;
}

const json = (status: number, body: unknown): Reply => ({ status, json: body });
const notFound = (): Reply => json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' } satisfies BasicError);
const invalid = (resource: string, field: string, code: string, docs: string, message?: string): Reply =>
  json(422, {
    message: 'Validation Failed',
    errors: [{ resource, field, code, ...(message === undefined ? {} : { message }) }],
    documentation_url: docs,
    status: '422',
  } satisfies ValidationError & { status: string });
/** Reviews report position problems as bare strings, not as validation-error objects. */
const unprocessable = (error: string, docs: string): Reply =>
  json(422, { message: 'Unprocessable Entity', errors: [error], documentation_url: docs, status: '422' } satisfies BasicError & {
    errors: string[];
  });

/** GitHub's timestamps carry no milliseconds. */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const nodeId = (prefix: string, id: number) => `${prefix}_kwDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function user(api: string, login: string, id: number, type: 'User' | 'Bot' | 'Organization' = 'User'): SimpleUser {
  const url = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    // The legacy global id format GitHub still returns for accounts: base64 of "<type code>:<Type><id>".
    node_id: Buffer.from(`${{ User: '04', Bot: '03', Organization: '12' }[type]}:${type}${id}`).toString('base64'),
    avatar_url: type === 'Bot' ? `https://avatars.githubusercontent.com/in/15368?v=4` : `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: type === 'Bot' ? `${WEB}/apps/github-actions` : `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function repository(api: string, owner: SimpleUser, name: string, defaultBranch: string, createdAt: string): Repository {
  const fullName = `${owner.login}/${name}`;
  const url = `${api}/repos/${fullName}`;
  return {
    id: 812_345_678,
    node_id: 'R_kgDOMGpYTg',
    name,
    full_name: fullName,
    license: null,
    forks: 0,
    owner,
    private: false,
    html_url: `${WEB}/${fullName}`,
    description: 'GDPR subprocessor registry',
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${fullName}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${WEB}/${fullName}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${WEB}/${fullName}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: defaultBranch,
    open_issues_count: 1,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated, yet GitHub still sends it and the schema requires it.
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: createdAt,
    created_at: createdAt,
    updated_at: createdAt,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    open_issues: 1,
    watchers: 0,
  };
}

interface PatchLine {
  /** GitHub's review-comment position: lines below the file's first `@@` header, that header being 0. */
  position: number;
  text: string;
  oldLine: number | undefined;
  newLine: number | undefined;
  /** Position of the hunk header this line belongs to, for diff_hunk. */
  hunk: number;
  commentable: boolean;
}

function patchLines(patch: string): PatchLine[] {
  const lines: PatchLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let hunk = 0;
  patch
    .replace(/\n$/, '')
    .split('\n')
    .forEach((text, position) => {
      const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      if (header) {
        oldLine = Number(header[1]);
        newLine = Number(header[2]);
        hunk = position;
        lines.push({ position, text, oldLine: undefined, newLine: undefined, hunk, commentable: false });
      } else if (text.startsWith('+')) {
        lines.push({ position, text, oldLine: undefined, newLine: newLine++, hunk, commentable: true });
      } else if (text.startsWith('-')) {
        lines.push({ position, text, oldLine: oldLine++, newLine: undefined, hunk, commentable: true });
      } else if (text.startsWith('\\')) {
        lines.push({ position, text, oldLine: undefined, newLine: undefined, hunk, commentable: false });
      } else {
        lines.push({ position, text, oldLine: oldLine++, newLine: newLine++, hunk, commentable: true });
      }
    });
  return lines;
}

/**
 * Splits `git diff` output into the entries GitHub's "list pull request files" returns. Run git with
 * --no-color and, to match GitHub, --find-renames.
 */
export function changedFilesFromDiff(diff: string): ChangedFile[] {
  return diff
    .split(/^(?=diff --git )/m)
    .filter((part) => part.startsWith('diff --git '))
    .map((part) => {
      const hunkStart = part.search(/^@@ /m);
      const header = hunkStart === -1 ? part : part.slice(0, hunkStart);
      const patch = hunkStart === -1 ? undefined : part.slice(hunkStart).replace(/\n$/, '');
      const renameFrom = /^rename from (.+)$/m.exec(header)?.[1];
      const renameTo = /^rename to (.+)$/m.exec(header)?.[1];
      const plusPath = /^\+\+\+ b\/(.+)$/m.exec(header)?.[1];
      const minusPath = /^--- a\/(.+)$/m.exec(header)?.[1];
      const gitPaths = /^diff --git a\/(.+) b\/(.+)$/m.exec(header);
      const status: ChangedFile['status'] = /^new file mode/m.test(header)
        ? 'added'
        : /^deleted file mode/m.test(header)
          ? 'removed'
          : renameTo === undefined
            ? 'modified'
            : 'renamed';
      const filename = renameTo ?? plusPath ?? minusPath ?? gitPaths?.[2] ?? '';
      return {
        filename,
        status,
        ...(patch === undefined ? {} : { patch }),
        ...(renameFrom === undefined ? {} : { previous_filename: renameFrom }),
      };
    });
}

/**
 * Writes a CommonJS preload that refuses any TCP connection to a host other than the loopback, and returns the
 * NODE_OPTIONS value loading it. Danger's own processes inherit NODE_OPTIONS, so a run that would reach the real
 * GitHub (a missing base URL, a proxy variable) fails loudly instead of touching the network.
 */
export function loopbackOnlyNodeOptions(dir: string): string {
  const file = join(dir, 'loopback-only.cjs');
  writeFileSync(
    file,
    `'use strict';
const net = require('node:net');
const allowed = new Set(['127.0.0.1', 'localhost', '::1']);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const ipc = options.path !== undefined || (typeof first === 'string' && !/^\\d+$/.test(first));
  const host = typeof options.host === 'string' ? options.host : 'localhost';
  if (!ipc && !allowed.has(host)) {
    process.stderr.write('loopback-only: blocked a connection to ' + host + ':' + options.port + '\\n');
    throw new Error('loopback-only: ' + host + ' is not the loopback');
  }
  return connect.apply(this, args);
};
`,
  );
  return `--require ${JSON.stringify(file)}`;
}

/**
 * A stand-in for api.github.com serving one repository and one pull request on 127.0.0.1, shaped like GitHub's
 * responses, so the real `danger ci` can review the pull request end to end without a network.
 */
export async function startGitHubStandIn(options: GitHubStandInOptions): Promise<GitHubStandIn> {
  const [ownerLogin, repoName] = options.repo.split('/');
  if (!ownerLogin || !repoName) throw new Error(`repo must be 'owner/name', got '${options.repo}'`);
  const requests: RecordedRequest[] = [];
  const comments: IssueComment[] = [];
  const statuses: CommitStatus[] = [];
  const reviews: Review[] = [];
  const reviewComments: ReviewComment[] = [];
  // Realistic magnitudes: clients that store ids in 32-bit fields break on real GitHub too.
  const ids = { comment: 2_400_000_000, status: 31_000_000_000, review: 2_100_000_000, reviewComment: 1_800_000_000 };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const slug = options.repo;
  const repoApi = `${api}/repos/${slug}`;
  const repoWeb = `${WEB}/${slug}`;
  const n = options.number;
  const createdAt = now();

  const owner = user(api, ownerLogin, 9_919_191, 'Organization');
  const author = user(api, options.author ?? 'octocat', 583_231);
  const bot = user(api, BOT_LOGIN, BOT_ID, 'Bot');
  const repo = repository(api, owner, repoName, options.base.ref, createdAt);
  const commits = options.commits ?? [
    {
      sha: options.head.sha,
      parents: [options.base.sha],
      message: options.title,
      author: { name: 'Octo Cat', email: 'octocat@example.com', date: createdAt },
    },
  ];
  const commitShas = new Set(commits.map((c) => c.sha));
  const usersByLogin = new Map([author, bot, owner].map((u) => [u.login, u]));
  const userFor = (login: string) => usersByLogin.get(login) ?? user(api, login, 1_000_000 + usersByLogin.size);

  const counts = (patch: string | undefined) => {
    const lines = patch === undefined ? [] : patchLines(patch);
    const additions = lines.filter((l) => l.text.startsWith('+')).length;
    const deletions = lines.filter((l) => l.text.startsWith('-')).length;
    return { additions, deletions };
  };
  const blobSha = (content: string) => {
    const bytes = Buffer.from(content);
    return createHash('sha1')
      .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
      .digest('hex');
  };

  const diffEntries = (): DiffEntry[] =>
    options.files.map((file) => {
      const { additions, deletions } = counts(file.patch);
      const ref = file.status === 'removed' ? options.base.sha : options.head.sha;
      const path = file.filename.split('/').map(encodeURIComponent).join('/');
      const content = options.fileContents?.(file.filename, ref);
      return {
        sha: content === undefined ? createHash('sha1').update(file.filename).digest('hex') : blobSha(content),
        filename: file.filename,
        status: file.status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${repoWeb}/blob/${ref}/${path}`,
        raw_url: `${repoWeb}/raw/${ref}/${path}`,
        contents_url: `${repoApi}/contents/${path}?ref=${ref}`,
        ...(file.patch === undefined ? {} : { patch: file.patch }),
        ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
      };
    });

  const pullRequest = (): PullRequest => {
    const entries = diffEntries();
    const prApi = `${repoApi}/pulls/${n}`;
    return {
      url: prApi,
      id: 1_987_654_321,
      node_id: 'PR_kwDOMGpYTs52e8Kx',
      html_url: `${repoWeb}/pull/${n}`,
      diff_url: `${repoWeb}/pull/${n}.diff`,
      patch_url: `${repoWeb}/pull/${n}.patch`,
      issue_url: `${repoApi}/issues/${n}`,
      commits_url: `${prApi}/commits`,
      review_comments_url: `${prApi}/comments`,
      review_comment_url: `${repoApi}/pulls/comments{/number}`,
      comments_url: `${repoApi}/issues/${n}/comments`,
      statuses_url: `${repoApi}/statuses/${options.head.sha}`,
      number: n,
      state: 'open',
      locked: false,
      title: options.title,
      user: author,
      body: options.body ?? null,
      labels: labels(),
      milestone: null,
      active_lock_reason: null,
      created_at: createdAt,
      updated_at: createdAt,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { label: `${ownerLogin}:${options.head.ref}`, ref: options.head.ref, repo, sha: options.head.sha, user: owner },
      base: { label: `${ownerLogin}:${options.base.ref}`, ref: options.base.ref, repo, sha: options.base.sha, user: owner },
      _links: {
        self: { href: prApi },
        html: { href: `${repoWeb}/pull/${n}` },
        issue: { href: `${repoApi}/issues/${n}` },
        comments: { href: `${repoApi}/issues/${n}/comments` },
        review_comments: { href: `${prApi}/comments` },
        review_comment: { href: `${repoApi}/pulls/comments{/number}` },
        commits: { href: `${prApi}/commits` },
        statuses: { href: `${repoApi}/statuses/${options.head.sha}` },
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: false,
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: comments.length,
      review_comments: reviewComments.length,
      maintainer_can_modify: false,
      commits: commits.length,
      additions: entries.reduce((sum, e) => sum + e.additions, 0),
      deletions: entries.reduce((sum, e) => sum + e.deletions, 0),
      changed_files: entries.length,
    };
  };

  function labels(): PullRequest['labels'] {
    return (options.labels ?? []).map((name, index) => ({
      id: 7_000_000_001 + index,
      node_id: nodeId('LA', 7_000_000_001 + index),
      url: `${repoApi}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    }));
  }

  const issue = (): Issue => ({
    id: 2_987_654_321,
    node_id: 'PR_kwDOMGpYTs52e8Kx',
    url: `${repoApi}/issues/${n}`,
    repository_url: repoApi,
    labels_url: `${repoApi}/issues/${n}/labels{/name}`,
    comments_url: `${repoApi}/issues/${n}/comments`,
    events_url: `${repoApi}/issues/${n}/events`,
    html_url: `${repoWeb}/pull/${n}`,
    number: n,
    state: 'open',
    title: options.title,
    body: options.body ?? null,
    user: author,
    labels: labels(),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: comments.length,
    pull_request: {
      merged_at: null,
      diff_url: `${repoWeb}/pull/${n}.diff`,
      html_url: `${repoWeb}/pull/${n}`,
      patch_url: `${repoWeb}/pull/${n}.patch`,
      url: `${repoApi}/pulls/${n}`,
    },
    closed_at: null,
    created_at: createdAt,
    updated_at: createdAt,
    draft: false,
    author_association: 'CONTRIBUTOR',
    timeline_url: `${repoApi}/issues/${n}/timeline`,
  });

  const commit = (c: PullRequestCommit): Commit => {
    const gitAuthor = c.author ?? { name: 'Octo Cat', email: 'octocat@example.com', date: createdAt };
    const treeSha = createHash('sha1').update(`tree ${c.sha}`).digest('hex');
    return {
      url: `${repoApi}/commits/${c.sha}`,
      sha: c.sha,
      node_id: nodeId('C', commits.indexOf(c) + 1),
      html_url: `${repoWeb}/commit/${c.sha}`,
      comments_url: `${repoApi}/commits/${c.sha}/comments`,
      commit: {
        url: `${repoApi}/git/commits/${c.sha}`,
        author: gitAuthor,
        committer: gitAuthor,
        message: c.message,
        comment_count: 0,
        tree: { sha: treeSha, url: `${repoApi}/git/trees/${treeSha}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author,
      committer: author,
      parents: c.parents.map((sha) => ({ sha, url: `${repoApi}/commits/${sha}`, html_url: `${repoWeb}/commit/${sha}` })),
    };
  };

  const issueComment = (body: string, by: SimpleUser): IssueComment => {
    const id = ++ids.comment;
    const at = now();
    return {
      id,
      node_id: nodeId('IC', id),
      url: `${repoApi}/issues/comments/${id}`,
      html_url: `${repoWeb}/pull/${n}#issuecomment-${id}`,
      body,
      user: by,
      created_at: at,
      updated_at: at,
      issue_url: `${repoApi}/issues/${n}`,
      author_association: by.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
      performed_via_github_app: null,
      reactions: {
        url: `${repoApi}/issues/comments/${id}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        confused: 0,
        heart: 0,
        hooray: 0,
        eyes: 0,
        rocket: 0,
      },
    };
  };
  for (const seed of options.comments ?? []) comments.push(issueComment(seed.body, userFor(seed.login ?? BOT_LOGIN)));

  /** Resolves a review comment's place in the diff from `position` (what Danger sends) or `line` and `side`. */
  const placeInDiff = (input: Record<string, unknown>): { path: string; line: PatchLine; diffHunk: string } | string => {
    const path = input.path;
    if (typeof path !== 'string') return 'Path could not be resolved';
    const file = options.files.find((f) => f.filename === path);
    if (file?.patch === undefined) return 'Path could not be resolved';
    const lines = patchLines(file.patch);
    let found: PatchLine | undefined;
    if (typeof input.position === 'number') {
      found = lines.find((l) => l.position === input.position && l.commentable);
      if (!found) return 'Pull request review thread position is invalid';
    } else if (typeof input.line === 'number') {
      const left = input.side === 'LEFT';
      found = lines.find((l) => l.commentable && (left ? l.oldLine === input.line && !l.text.startsWith('+') : l.newLine === input.line));
      if (!found) return 'Pull request review thread line must be part of the diff';
    } else {
      return 'Pull request review thread position is invalid';
    }
    const at = found;
    const diffHunk = lines
      .filter((l) => l.position >= at.hunk && l.position <= at.position)
      .map((l) => l.text)
      .join('\n');
    return { path, line: at, diffHunk };
  };

  const reviewComment = (
    body: string,
    place: { path: string; line: PatchLine; diffHunk: string },
    commitId: string,
    reviewId: number | null,
  ): ReviewComment => {
    const id = ++ids.reviewComment;
    const at = now();
    const right = place.line.newLine !== undefined;
    const line = right ? place.line.newLine : place.line.oldLine;
    const url = `${repoApi}/pulls/comments/${id}`;
    const htmlUrl = `${repoWeb}/pull/${n}#discussion_r${id}`;
    return {
      url,
      pull_request_review_id: reviewId,
      id,
      node_id: nodeId('PRRC', id),
      diff_hunk: place.diffHunk,
      path: place.path,
      position: place.line.position,
      original_position: place.line.position,
      commit_id: commitId,
      original_commit_id: commitId,
      user: bot,
      body,
      created_at: at,
      updated_at: at,
      html_url: htmlUrl,
      pull_request_url: `${repoApi}/pulls/${n}`,
      author_association: 'NONE',
      _links: { self: { href: url }, html: { href: htmlUrl }, pull_request: { href: `${repoApi}/pulls/${n}` } },
      start_line: null,
      original_start_line: null,
      start_side: null,
      ...(line === undefined ? {} : { line, original_line: line }),
      side: right ? 'RIGHT' : 'LEFT',
      subject_type: 'line',
    };
  };

  /** Lists are served as a single page: page 1 (or none) has everything, later pages are empty, and no Link header. */
  const page = (request: ParsedRequest, items: unknown[]): Reply => json(200, Number(request.query.get('page') ?? '1') > 1 ? [] : items);
  const isThisPull = (number: string | undefined) => number === String(n);
  const findComment = (id: string | undefined) => comments.find((c) => String(c.id) === id);
  const findReviewComment = (id: string | undefined) => reviewComments.find((c) => String(c.id) === id);

  const routes: Route[] = [];
  const route = (method: string, template: string, handle: Route['handle']) => {
    const escaped = template
      .replace('{owner}/{repo}', `\u0000`)
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{path\}/, '(.+)')
      .replace(/\{[a-z_]+\}/g, '([^/]+)')
      .replace('\u0000', () => `${ownerLogin}/${repoName}`.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
    routes.push({ method, template, pattern: new RegExp(`^${escaped}$`), handle });
  };

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', (request, [number]) => {
    if (!isThisPull(number)) return notFound();
    // The diff media type turns this one endpoint into the raw unified diff; Danger before 12 read it this way.
    if (/\.diff\b|\bdiff$/.test(request.accept)) return { status: 200, text: options.diff };
    return json(200, pullRequest());
  });
  // Danger asks for this list with Accept: application/vnd.github.v3.diff; GitHub ignores that media type here and
  // still answers JSON, which Danger parses as JSON.
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', (request, [number]) =>
    isThisPull(number) ? page(request, diffEntries()) : notFound(),
  );
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', (request, [number]) =>
    isThisPull(number) ? page(request, commits.map(commit)) : notFound(),
  );
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', (request, [number]) =>
    isThisPull(number) ? page(request, reviews) : notFound(),
  );
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', (_request, [number]) =>
    isThisPull(number) ? json(200, { users: [], teams: [] } satisfies Schemas['pull-request-review-request']) : notFound(),
  );
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/comments', (request, [number]) =>
    isThisPull(number) ? page(request, reviewComments) : notFound(),
  );
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', (request, [number]) => {
    if (!isThisPull(number)) return notFound();
    const docs = `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`;
    const input = isRecord(request.body) ? request.body : {};
    const commitId = typeof input.commit_id === 'string' ? input.commit_id : options.head.sha;
    if (!commitShas.has(commitId)) return unprocessable('commit_id is not part of the pull request', docs);
    const drafts = Array.isArray(input.comments) ? input.comments : [];
    const places = drafts.map((draft) => (isRecord(draft) ? placeInDiff(draft) : 'Path could not be resolved'));
    const problem = places.find((p) => typeof p === 'string');
    if (problem !== undefined) return unprocessable(problem, docs);
    const event = typeof input.event === 'string' ? input.event : undefined;
    const state = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' }[event ?? ''] ?? 'PENDING';
    const id = ++ids.review;
    const htmlUrl = `${repoWeb}/pull/${n}#pullrequestreview-${id}`;
    const review: Review = {
      id,
      node_id: nodeId('PRR', id),
      user: bot,
      body: typeof input.body === 'string' ? input.body : '',
      state,
      html_url: htmlUrl,
      pull_request_url: `${repoApi}/pulls/${n}`,
      _links: { html: { href: htmlUrl }, pull_request: { href: `${repoApi}/pulls/${n}` } },
      ...(state === 'PENDING' ? {} : { submitted_at: now() }),
      commit_id: commitId,
      author_association: 'NONE',
    };
    reviews.push(review);
    drafts.forEach((draft, index) => {
      const place = places[index];
      if (isRecord(draft) && place !== undefined && typeof place !== 'string') {
        reviewComments.push(reviewComment(typeof draft.body === 'string' ? draft.body : '', place, commitId, id));
      }
    });
    return json(200, review);
  });
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/comments', (request, [number]) => {
    if (!isThisPull(number)) return notFound();
    const docs = `${DOCS}/pulls/comments#create-a-review-comment-for-a-pull-request`;
    const input = isRecord(request.body) ? request.body : {};
    if (typeof input.body !== 'string') return invalid('PullRequestReviewComment', 'body', 'missing_field', docs);
    const commitId = typeof input.commit_id === 'string' ? input.commit_id : '';
    if (!commitShas.has(commitId)) return invalid('PullRequestReviewComment', 'commit_id', 'invalid', docs);
    const place = placeInDiff(input);
    if (typeof place === 'string') return unprocessable(place, docs);
    const created = reviewComment(input.body, place, commitId, null);
    reviewComments.push(created);
    return json(201, created);
  });
  route('PATCH', '/repos/{owner}/{repo}/pulls/comments/{comment_id}', (request, [id]) => {
    const existing = findReviewComment(id);
    if (!existing) return notFound();
    const input = isRecord(request.body) ? request.body : {};
    if (typeof input.body !== 'string') {
      return invalid(
        'PullRequestReviewComment',
        'body',
        'missing_field',
        `${DOCS}/pulls/comments#update-a-review-comment-for-a-pull-request`,
      );
    }
    existing.body = input.body;
    existing.updated_at = now();
    return json(200, existing);
  });
  route('DELETE', '/repos/{owner}/{repo}/pulls/comments/{comment_id}', (_request, [id]) => {
    const existing = findReviewComment(id);
    if (!existing) return notFound();
    reviewComments.splice(reviewComments.indexOf(existing), 1);
    return { status: 204 };
  });
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (_request, [number]) =>
    isThisPull(number) ? json(200, issue()) : notFound(),
  );
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (request, [number]) =>
    isThisPull(number) ? page(request, comments) : notFound(),
  );
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (request, [number]) => {
    if (!isThisPull(number)) return notFound();
    const input = isRecord(request.body) ? request.body : {};
    if (typeof input.body !== 'string') {
      return invalid('IssueComment', 'body', 'missing_field', `${DOCS}/issues/comments#create-an-issue-comment`);
    }
    // GitHub refuses comments over 65536 characters; Danger's table can grow that long on a big change.
    if (input.body.length > 65_536) {
      return invalid(
        'IssueComment',
        'body',
        'custom',
        `${DOCS}/issues/comments#create-an-issue-comment`,
        'body is too long (maximum is 65536 characters)',
      );
    }
    const created = issueComment(input.body, bot);
    comments.push(created);
    return json(201, created);
  });
  route('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (_request, [id]) => {
    const existing = findComment(id);
    return existing ? json(200, existing) : notFound();
  });
  route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (request, [id]) => {
    const existing = findComment(id);
    if (!existing) return notFound();
    const docs = `${DOCS}/issues/comments#update-an-issue-comment`;
    const input = isRecord(request.body) ? request.body : {};
    if (typeof input.body !== 'string') return invalid('IssueComment', 'body', 'missing_field', docs);
    if (input.body.length > 65_536)
      return invalid('IssueComment', 'body', 'custom', docs, 'body is too long (maximum is 65536 characters)');
    existing.body = input.body;
    existing.updated_at = now();
    return json(200, existing);
  });
  route('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (_request, [id]) => {
    const existing = findComment(id);
    if (!existing) return notFound();
    comments.splice(comments.indexOf(existing), 1);
    return { status: 204 };
  });
  route('POST', '/repos/{owner}/{repo}/statuses/{sha}', (request, [sha]) => {
    const docs = `${DOCS}/commits/statuses#create-a-commit-status`;
    if (sha === undefined || !commitShas.has(sha)) return unprocessable(`No commit found for SHA: ${sha ?? ''}`, docs);
    const input = isRecord(request.body) ? request.body : {};
    const state = input.state;
    if (state !== 'error' && state !== 'failure' && state !== 'pending' && state !== 'success') {
      return invalid('Status', 'state', 'custom', docs, 'state is not included in the list');
    }
    const description = typeof input.description === 'string' ? input.description : null;
    if (description !== null && description.length > 140) {
      return invalid('Status', 'description', 'custom', docs, 'description is too long (maximum is 140 characters)');
    }
    const id = ++ids.status;
    const at = now();
    const created: CommitStatus = {
      url: `${repoApi}/statuses/${sha}`,
      avatar_url: bot.avatar_url,
      id,
      node_id: nodeId('SC', id),
      state,
      description,
      target_url: typeof input.target_url === 'string' ? input.target_url : null,
      context: typeof input.context === 'string' ? input.context : 'default',
      created_at: at,
      updated_at: at,
      creator: bot,
    };
    statuses.push(created);
    return json(201, created);
  });
  route('GET', '/repos/{owner}/{repo}/contents/{path}', (request, [rawPath]) => {
    const path = decodeURIComponent(rawPath ?? '');
    const ref = request.query.get('ref') ?? options.base.ref;
    const content = options.fileContents?.(path, ref);
    if (content === undefined) return notFound();
    const sha = blobSha(content);
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    const self = `${repoApi}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`;
    const file: ContentFile = {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(content),
      name: path.split('/').pop() ?? path,
      path,
      // GitHub wraps the base64 at 60 characters.
      content:
        (
          Buffer.from(content)
            .toString('base64')
            .match(/.{1,60}/g) ?? []
        ).join('\n') + '\n',
      sha,
      url: self,
      git_url: `${repoApi}/git/blobs/${sha}`,
      html_url: `${repoWeb}/blob/${ref}/${encodedPath}`,
      download_url: `https://raw.githubusercontent.com/${slug}/${ref}/${encodedPath}`,
      _links: { self, git: `${repoApi}/git/blobs/${sha}`, html: `${repoWeb}/blob/${ref}/${encodedPath}` },
    };
    return json(200, file);
  });

  const record = (req: IncomingMessage, url: URL, body: unknown, matched: string | undefined, status: number) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const headers: RecordedRequest['headers'] = {};
    for (const name of ['accept', 'authorization', 'content-type', 'user-agent'] as const) {
      const value = header(name);
      if (value !== undefined) headers[name] = value;
    }
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      route: matched,
      status,
    });
  };

  const send = (res: ServerResponse, reply: Reply) => {
    const headers: Record<string, string> = { 'x-github-api-version-selected': '2022-11-28' };
    let payload = '';
    if (reply.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8';
      headers['x-github-media-type'] = 'github.v3; param=diff';
      payload = reply.text;
    } else if (reply.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['x-github-media-type'] = 'github.v3; format=json';
      payload = JSON.stringify(reply.json);
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', api);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text === '' ? undefined : text;
      let reply: Reply | undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          reply = json(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } satisfies BasicError);
        }
      }
      const method = req.method ?? 'GET';
      let matched: string | undefined;
      let params: string[] = [];
      let handler: Route['handle'] | undefined;
      for (const candidate of routes) {
        const match = candidate.method === method ? candidate.pattern.exec(url.pathname) : null;
        if (match) {
          matched = `${candidate.method} ${candidate.template}`;
          params = match.slice(1);
          handler = candidate.handle;
          break;
        }
      }
      const credential = req.headers.authorization?.replace(/^(token|bearer)\s+/i, '');
      if (options.token !== undefined && credential !== options.token) {
        reply = json(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' } satisfies BasicError);
      }
      reply ??= handler ? handler({ query: url.searchParams, accept: req.headers.accept ?? '', body }, params) : notFound();
      record(req, url, body, matched, reply.status);
      send(res, reply);
    });
  });

  return {
    url: api,
    requests,
    comments,
    statuses,
    reviews,
    reviewComments,
    unexpected: () => requests.filter((r) => r.route === undefined),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        // Danger's HTTP client keeps connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
