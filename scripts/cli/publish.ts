import { resolve } from 'node:path';
import { git } from '../registry/git.js';
import { BoundedReadError, describeReadProblem, READ_LIMITS, readBounded } from '../release/bounded-read.js';
import { PINNED_KEY, readPinnedPublicKey } from '../release/keys.js';
import { PublishError, publishRelease } from '../release/publish.js';
import { parseCommandArgs } from './args.js';
import { PUBLISH_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { repositoryOption } from './release-options.js';

export async function publishCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('publish', args, {
    repo: { type: 'string' },
    'api-url': { type: 'string' },
    target: { type: 'string' },
    pubkey: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(PUBLISH_HELP);
    return EXIT.ok;
  }
  const target = repositoryOption('publish', values.repo, io.env);
  if (!target) throw new UsageError('publish: which repository? Pass --repo OWNER/NAME (GitHub Actions sets GITHUB_REPOSITORY)');
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token)
    throw new UsageError(
      'publish: no token: set GITHUB_TOKEN (in GitHub Actions: env: GITHUB_TOKEN: ${{ github.token }}, with contents: write)',
    );
  const publicKey = await pinnedKey(io, values.pubkey);
  const head = await git(['rev-parse', 'HEAD'], io.cwd).catch(() => undefined);
  const commit = values.target ?? (head?.code === 0 ? head.stdout.toString('utf8').trim() : undefined);
  const baseUrl = values['api-url'] ?? io.env.GITHUB_API_URL;
  try {
    const result = await publishRelease({
      dir: resolve(io.cwd, positionals[0] ?? 'dist'),
      ...target,
      token,
      publicKey,
      ...(baseUrl ? { baseUrl } : {}),
      ...(commit ? { targetCommitish: commit } : {}),
      log: (line) => io.stderr.write(`${line}\n`),
    });
    const what = result.alreadyPublished
      ? 'already published with the same files: nothing to do'
      : `published: ${result.uploaded.length} uploaded, ${result.replaced.length} replaced, ${result.skipped.length} already there`;
    io.stdout.write(`${result.tag} ${what}\n${result.url}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PublishError) {
      io.stderr.write(`subproc: publish: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.findings;
    }
    throw error;
  }
}

/** The key the release must verify with before anything is uploaded: --pubkey, else the committed keys/minisign.pub. */
async function pinnedKey(io: Io, flag: string | undefined): Promise<string> {
  const path = flag ?? PINNED_KEY;
  try {
    const text =
      flag !== undefined
        ? (await readBounded(resolve(io.cwd, flag), READ_LIMITS.publicKey)).toString('utf8')
        : await readPinnedPublicKey(io.cwd);
    if (text !== undefined) return text;
  } catch (error) {
    if (!(error instanceof BoundedReadError)) throw error;
    throw new UsageError(`publish: cannot read the public key ${path}: ${describeReadProblem(error.problem)}`);
  }
  throw new UsageError(
    `publish: no pinned public key: ${PINNED_KEY} does not exist`,
    'Publish verifies the release with the key consumers pin before uploading anything: commit it (subproc keygen), or pass --pubkey FILE.',
  );
}
