import { resolve } from 'node:path';
import { keyIdHex } from '../release/minisign.js';
import { loadSigningKey } from '../release/keys.js';
import { signReleaseFolder } from '../pipeline/release.js';
import { parseCommandArgs } from './args.js';
import { SIGN_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { keyProblemError } from './signing-key.js';

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
  const loaded = await loadSigningKey({ cwd: io.cwd, env: io.env, keyFile: values['key-file'], allowOneTimeKey: false });
  if (!loaded.ok) throw keyProblemError('sign', loaded.problem);
  const { secret } = loaded.key;
  const outcome = await signReleaseFolder(resolve(io.cwd, out), secret);
  switch (outcome.kind) {
    case 'no-release':
      throw new UsageError(`sign: ${out}/ holds no release to sign`, 'Build one first: subproc build');
    case 'expired':
      throw new UsageError(
        `sign: release ${outcome.doc.version} expired at ${outcome.doc.expiresAt}: build it again with the current time before signing`,
      );
    case 'signed':
      io.stdout.write(
        `signed ${outcome.doc.version} with key ${keyIdHex(secret.keyId)}: ${outcome.signatures.map((name) => `${out}/${name}`).join(', ')}\n`,
      );
      return EXIT.ok;
  }
}
