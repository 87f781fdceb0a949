import { notAFileWords } from '../release/bounded-read.js';
import { SIGNING_KEY_ENV, type KeyProblem } from '../release/keys.js';
import { unencryptedCopyHint } from '../release/minisign-secret-key.js';
import { UsageError } from './io.js';

const MATCH_PINNED = 'Configure the secret key that matches keys/minisign.pub.';
const KEY_FORMS =
  'A signing key is one line starting with SUBPROC-ED25519- (subproc keygen), or an unencrypted minisign secret key file (minisign -G -W).';

/** The key file or variable, and the line of it, a problem is on. */
function where(problem: { readonly source: string; readonly line?: number | undefined }): string {
  return problem.line === undefined ? problem.source : `${problem.source}:${problem.line}`;
}

/** The words for a key problem, shared by `sign` and `release` (exit 2: the environment, not the data, is wrong). */
export function keyProblemError(command: string, problem: KeyProblem): UsageError {
  switch (problem.kind) {
    case 'malformed-key':
      // The message says what is wrong with the key, never what it is.
      return new UsageError(`${command}: ${where(problem)}: ${problem.message}`, KEY_FORMS);
    case 'encrypted-key':
      return new UsageError(
        `${command}: ${where(problem)}: this minisign secret key is encrypted with a password, and subproc never asks for one`,
        unencryptedCopyHint(problem.source === SIGNING_KEY_ENV ? 'minisign.key' : problem.source),
      );
    case 'key-file-missing':
      return new UsageError(`${command}: the key file ${problem.file} does not exist`);
    case 'key-file-unreadable':
      return new UsageError(`${command}: cannot read the key file ${problem.file} (${problem.reason})`);
    case 'key-file-not-a-file':
      return new UsageError(
        `${command}: the key file ${problem.file} is ${notAFileWords(problem.what)}, not a regular file`,
        `Give --key-file the file that holds the secret key. ${KEY_FORMS}`,
      );
    case 'key-file-too-large':
      return new UsageError(
        `${command}: the key file ${problem.file} is larger than ${problem.limit} bytes: a signing key is a line or two`,
        `Give --key-file the file that holds the secret key. ${KEY_FORMS}`,
      );
    case 'no-key':
      return new UsageError(
        `${command}: no signing key: set ${SIGNING_KEY_ENV} or pass --key-file FILE`,
        'Create one with: subproc keygen',
      );
    case 'pinned-key-malformed':
      return new UsageError(`${command}: ${problem.pinned} is not a minisign public key`, MATCH_PINNED);
    case 'one-time-key-but-pinned':
      return new UsageError(
        `${command}: ${problem.pinned} is committed, but no signing key is configured (${SIGNING_KEY_ENV} or --key-file): a one-time key would make a release its consumers reject`,
        MATCH_PINNED,
      );
    case 'not-the-pinned-key':
      return new UsageError(
        `${command}: the signing key ${problem.keyId} is not the key of ${problem.pinned} (${problem.pinnedKeyId}): consumers would reject the release`,
        MATCH_PINNED,
      );
  }
}
