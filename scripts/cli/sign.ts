import { resolve } from 'node:path';
import { keyIdHex, MinisignError } from '../release/minisign.js';
import { loadSigningKey, pinnedKeyProblem, SIGNING_KEY_ENV } from '../release/keys.js';
import { PreviousReleaseError } from '../release/previous.js';
import { ExpiredReleaseError, signReleaseFolder } from '../pipeline/release.js';
import { SIGNATURE_FILE } from '../release/build.js';
import { parseCommandArgs } from './args.js';
import { SIGN_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

export async function signCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('sign', args, {
    'key-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(SIGN_HELP);
    return EXIT.ok;
  }
  const out = positionals[0] ?? 'dist';
  let key;
  try {
    key = await loadSigningKey(io.env, values['key-file'] !== undefined ? resolve(io.cwd, values['key-file']) : undefined, false);
  } catch (error) {
    // Never echo the key text: the message says what is wrong with it, not what it is.
    if (error instanceof MinisignError) throw new UsageError(`sign: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`sign: the key file ${values['key-file'] ?? ''} does not exist`);
    throw error;
  }
  if (!key) throw new UsageError(`sign: no signing key: set ${SIGNING_KEY_ENV} or pass --key-file FILE`, 'Create one with: subproc keygen');
  const problem = await pinnedKeyProblem(io.cwd, key);
  if (problem) throw new UsageError(`sign: ${problem}`, 'Configure the secret key that matches keys/minisign.pub.');
  try {
    const { doc } = await signReleaseFolder(resolve(io.cwd, out), key.secret);
    io.stdout.write(`signed ${doc.version} with key ${keyIdHex(key.secret.keyId)}: ${out}/${SIGNATURE_FILE}\n`);
  } catch (error) {
    if (error instanceof ExpiredReleaseError) throw new UsageError(`sign: ${error.message}`);
    if (error instanceof PreviousReleaseError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`sign: ${out}/ holds no release to sign`, 'Build one first: subproc build');
    }
    throw error;
  }
  return EXIT.ok;
}
