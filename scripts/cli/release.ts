import { resolve } from 'node:path';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { PUBLIC_KEY_FILE, RELEASE_FILE } from '../release/artefacts.js';
import { loadSigningKey, SIGNING_KEY_ENV } from '../release/keys.js';
import { keyIdHex } from '../release/minisign.js';
import { signAndVerifyRelease } from '../pipeline/release.js';
import { parseCommandArgs } from './args.js';
import { BUILD_OPTIONS, buildFromOptions, reportBuild } from './build.js';
import { RELEASE_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { keyProblemError } from './signing-key.js';

/** The main job: check, build, sign (with a one-time key when none is configured), verify. */
export async function releaseCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('release', args, { ...BUILD_OPTIONS, 'key-file': { type: 'string' } });
  if (values.help) {
    io.stdout.write(RELEASE_HELP);
    return EXIT.ok;
  }
  const out = values.out ?? 'dist';
  const loaded = await loadSigningKey({ cwd: io.cwd, env: io.env, keyFile: values['key-file'], allowOneTimeKey: true });
  if (!loaded.ok) throw keyProblemError('release', loaded.problem);
  const { key } = loaded;
  const outcome = await buildFromOptions('release', values, positionals[0] ?? DEFAULT_REGISTRY_DIR, io);
  const stop = reportBuild(outcome, out, io);
  if (outcome.kind !== 'built') return stop ?? EXIT.ok;

  const signed = await signAndVerifyRelease(resolve(io.cwd, out), key, new Date());
  switch (signed.kind) {
    case 'expired':
      throw new UsageError(
        `release: release ${signed.doc.version} would have expired at ${signed.doc.expiresAt}: the build clock (--released-at or SOURCE_DATE_EPOCH) is too old`,
        'Build with the current time; nothing was signed.',
      );
    case 'no-release':
      // The build above wrote the folder: only something else removing it in between gets here.
      throw new UsageError(`release: ${out}/ holds no release to sign`, 'Run it again.');
    case 'verified':
      break;
  }
  if (signed.publicKeyShipped && key.kind !== 'ephemeral') {
    io.stdout.write(
      `no keys/minisign.pub committed: the public half of key ${keyIdHex(key.publicKey.keyId)} is written to ${out}/${PUBLIC_KEY_FILE}; ` +
        `commit it as keys/minisign.pub so that consumers and publish pin it (subproc keygen writes both).\n`,
    );
  } else if (signed.publicKeyShipped) {
    // A one-time key proves the pipeline works; a consumer cannot pin it, so say so where it cannot be missed.
    io.stdout.write(
      `no signing key configured (${SIGNING_KEY_ENV} or --key-file): signed with a ONE-TIME key ${keyIdHex(key.publicKey.keyId)}, ` +
        `written to ${out}/${PUBLIC_KEY_FILE}. Fine for a try-out; consumers need your real key (subproc keygen).\n`,
    );
  }
  const { verified } = signed;
  io.stdout.write(
    `verified ${out}/${RELEASE_FILE}: release ${verified.version}, ${verified.doc.subprocessors.length} subprocessors, sha256 ${verified.sha256}, key ${verified.keyId}\n` +
      `check it independently with: minisign -H -Vm ${out}/${RELEASE_FILE} -p ${signed.publicKeyShipped ? `${out}/${PUBLIC_KEY_FILE}` : 'keys/minisign.pub'}\n`,
  );
  return EXIT.ok;
}
