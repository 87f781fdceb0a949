// The GitHub Action's entry point (action.yml runs its bundle, action/index.js, built by npm run build:action). An
// edge like the command line: it reads the runner's environment, runs a mode, and is the only place here that turns
// errors into words and exit codes (0 clean, 1 findings, 2 usage or environment).
import { EXIT, UsageError, type ExitCode, type Io } from '../cli/io.js';
import { statusOf, gitHubMessage } from '../release/github-client.js';
import { SECRET_ENV } from '../release/secret-env.js';
import { BoundedReadError } from '../release/bounded-read.js';
import { SourceError } from '../registry/source.js';
import { commentMode } from './comment.js';
import { pullRequestFromEvent } from './event.js';
import { readInputs } from './inputs.js';
import { releaseMode } from './release.js';
import { reviewMode } from './review.js';
import { commandText } from './runner.js';

async function run(io: Io): Promise<ExitCode> {
  // Before anything runs a child process: the token and the signing key leave process.env here.
  const inputs = readInputs(process.env);
  for (const name of SECRET_ENV) Reflect.deleteProperty(process.env, name);
  const pr = pullRequestFromEvent(io.env);
  switch (inputs.mode) {
    case 'review':
      return reviewMode(inputs, pr, io);
    case 'comment':
      return commentMode(inputs, pr, io);
    case 'release':
      return releaseMode(inputs, io);
  }
}

/** An error as an annotation: the message, then the hint on the next line. */
function annotate(io: Io, message: string, hint?: string): void {
  io.stdout.write(`::error title=subproc::${commandText(hint ? `${message}\n${hint}` : message)}\n`);
}

async function action(): Promise<ExitCode> {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
  try {
    return await run(io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceError) {
      annotate(io, `subproc: ${error.message}`, error.hint);
      return EXIT.usage;
    }
    if (error instanceof BoundedReadError) {
      annotate(io, `subproc: cannot read ${error.message}`);
      return EXIT.usage;
    }
    const status = statusOf(error);
    if (status !== undefined) {
      // Octokit's error names the request; GitHub's own message says why (a missing permission, most often).
      annotate(
        io,
        `subproc: GitHub answered ${status}: ${gitHubMessage(error) ?? (error as Error).message}`,
        status === 403 || status === 404
          ? 'Give the job the permissions action.yml lists for this mode (a fork’s pull_request token is read-only: comment from pull_request_target).'
          : undefined,
      );
      return EXIT.usage;
    }
    annotate(
      io,
      `subproc: internal error: ${error instanceof Error ? error.message : String(error)}`,
      'Please report it; rerun with SUBPROC_DEBUG=1 for details.',
    );
    if (io.env.SUBPROC_DEBUG && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.usage;
  }
}

process.exitCode = await action();
