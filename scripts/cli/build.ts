import { resolve } from 'node:path';
import { todayUtc } from '../diagnostics/dates.js';
import { paletteFor } from '../format/colour.js';
import { formatStylish, summaryLine } from '../format/stylish.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { readPinnedPublicKey } from '../release/keys.js';
import type { Release } from '../generated/release.js';
import type { JsonFeed } from '../release/feed.js';
import { fetchPreviousFromGitHub } from '../release/previous-from-github.js';
import { PreviousReleaseError, readPreviousRelease } from '../release/previous.js';
import { datedChangesDue } from '../release/release-doc.js';
import { runBuild, type RunBuildOutcome } from '../pipeline/release.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { parseCommandArgs } from './args.js';
import { BUILD_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { releaseClock, repositoryOption } from './release-options.js';

export const BUILD_OPTIONS = {
  out: { type: 'string' },
  previous: { type: 'string' },
  'previous-from-github': { type: 'boolean' },
  reissue: { type: 'boolean' },
  'reissue-within': { type: 'string' },
  'released-at': { type: 'string' },
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type BuildValues = {
  out?: string;
  previous?: string;
  'previous-from-github'?: boolean;
  reissue?: boolean;
  'reissue-within'?: string;
  'released-at'?: string;
  repo?: string;
};

/**
 * --reissue, or --reissue-within DAYS: renew an unchanged release only when it would expire within DAYS, or when a
 * start or retirement it announced has come (its status on release is out of date).
 */
function shouldReissue(command: string, values: BuildValues, previous: Release | undefined, releasedAt: Date): boolean {
  if (values.reissue) return true;
  const within = values['reissue-within'];
  if (within === undefined) return false;
  if (!/^\d+$/.test(within)) throw new UsageError(`${command}: --reissue-within takes a number of days, not "${within}"`);
  if (!previous) return false;
  if (datedChangesDue(previous, releasedAt).length > 0) return true;
  return Date.parse(previous.expiresAt) - releasedAt.getTime() < Number(within) * 24 * 60 * 60 * 1000;
}

/** The previous release, from a folder or file, or from the repository's latest GitHub release. */
export async function previousRelease(
  command: string,
  values: BuildValues,
  io: Io,
): Promise<{ doc: Release; feed?: JsonFeed } | undefined> {
  if (values.previous !== undefined && values['previous-from-github'])
    throw new UsageError(`${command}: give --previous or --previous-from-github, not both`);
  try {
    if (values.previous !== undefined)
      return await readPreviousRelease(resolve(io.cwd, values.previous), (line) => io.stderr.write(`${line}\n`));
  } catch (error) {
    if (error instanceof PreviousReleaseError) throw new UsageError(`${command}: --previous: ${error.message}`);
    throw error;
  }
  if (!values['previous-from-github']) return undefined;
  const target = repositoryOption(command, values.repo, io.env);
  if (!target) throw new UsageError(`${command}: --previous-from-github needs --repo OWNER/NAME (or GITHUB_REPOSITORY)`);
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  return fetchPreviousFromGitHub({
    ...target,
    ...(token ? { token } : {}),
    ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
}

/** Runs a build from parsed options; shared by `build` and `release`. */
export async function buildFromOptions(command: string, values: BuildValues, dir: string, io: Io): Promise<RunBuildOutcome> {
  const target = repositoryOption(command, values.repo, io.env);
  const server = io.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const publicKey = await readPinnedPublicKey(io.cwd);
  const previous = await previousRelease(command, values, io);
  const releasedAt = releaseClock(command, values['released-at'], io.env);
  return runBuild({
    cwd: io.cwd,
    dir,
    out: values.out ?? 'dist',
    // The check runs as of the release's own date: a build from the same inputs gives the same answer.
    today: todayUtc(releasedAt),
    setup: shippedSetup(),
    releasedAt,
    reissue: shouldReissue(command, values, previous?.doc, releasedAt),
    ...(previous ? { previous } : {}),
    ...(target ? { repository: `${target.owner}/${target.repo}`, repositoryUrl: `${server}/${target.owner}/${target.repo}` } : {}),
    ...(publicKey !== undefined ? { publicKey } : {}),
  });
}

/** Prints the outcome of a build; returns the exit code when the build did not produce a release. */
export function reportBuild(outcome: RunBuildOutcome, out: string, io: Io): ExitCode | undefined {
  if (outcome.kind === 'check-failed') {
    io.stdout.write(formatStylish(outcome.report, paletteFor(io.stdout, io.env)));
    io.stderr.write('subproc: no release: `subproc check` fails; fix the errors above first.\n');
    return EXIT.findings;
  }
  // The check passed; its warnings still belong in front of whoever releases.
  io.stdout.write(`${summaryLine(outcome.report, paletteFor(io.stdout, io.env))}\n`);
  if (outcome.kind === 'unchanged') {
    io.stdout.write(`nothing changed since ${outcome.version}: no release (pass --reissue to renew its expiry)\n`);
    return EXIT.ok;
  }
  const { doc, kind, files } = outcome.result;
  io.stdout.write(
    `built ${doc.version} (${kind}) in ${out}/, valid until ${doc.expiresAt}:\n${[...files.keys()].map((f) => `  ${f}\n`).join('')}`,
  );
  return undefined;
}

export async function buildCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('build', args, BUILD_OPTIONS);
  if (values.help) {
    io.stdout.write(BUILD_HELP);
    return EXIT.ok;
  }
  const outcome = await buildFromOptions('build', values, positionals[0] ?? DEFAULT_REGISTRY_DIR, io);
  return reportBuild(outcome, values.out ?? 'dist', io) ?? EXIT.ok;
}
