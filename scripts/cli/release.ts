import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { PUBLIC_KEY_FILE, RELEASE_FILE, SIGNATURE_FILE } from '../release/build.js';
import { loadSigningKey, pinnedKeyProblem, SIGNING_KEY_ENV } from '../release/keys.js';
import { formatPublicKey, keyIdHex, MinisignError } from '../release/minisign.js';
import { signReleaseFolder } from '../pipeline/release.js';
import { verifyRelease } from '../release/verify.js';
import { parseCommandArgs } from './args.js';
import { BUILD_OPTIONS, buildFromOptions, reportBuild } from './build.js';
import { RELEASE_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

/** The main job: check, build, sign (with a one-time key when none is configured), verify. */
export async function releaseCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('release', args, { ...BUILD_OPTIONS, 'key-file': { type: 'string' } });
  if (values.help) {
    io.stdout.write(RELEASE_HELP);
    return EXIT.ok;
  }
  const out = values.out ?? 'dist';
  let key;
  try {
    key = await loadSigningKey(io.env, values['key-file'] !== undefined ? resolve(io.cwd, values['key-file']) : undefined, true);
  } catch (error) {
    if (error instanceof MinisignError) throw new UsageError(`release: ${error.message}`);
    throw error;
  }
  if (!key) throw new UsageError('release: no signing key');
  const problem = await pinnedKeyProblem(io.cwd, key);
  if (problem) throw new UsageError(`release: ${problem}`, 'Configure the secret key that matches keys/minisign.pub.');
  const outcome = await buildFromOptions('release', values, positionals[0] ?? DEFAULT_REGISTRY_DIR, io);
  const stop = reportBuild(outcome, out, io);
  if (outcome.kind !== 'built') return stop ?? EXIT.ok;

  const folder = resolve(io.cwd, out);
  const publicKey = formatPublicKey(key.publicKey);
  const { doc } = outcome.result;
  if (Date.parse(doc.expiresAt) <= Date.now()) {
    throw new UsageError(
      `release: release ${doc.version} would have expired at ${doc.expiresAt}: the build clock (--released-at or SOURCE_DATE_EPOCH) is too old`,
      'Build with the current time; nothing was signed.',
    );
  }
  if (key.kind === 'ephemeral') {
    // A one-time key proves the pipeline works; a consumer cannot pin it, so say so where it cannot be missed.
    io.stdout.write(
      `no signing key configured (${SIGNING_KEY_ENV} or --key-file): signed with a ONE-TIME key ${keyIdHex(key.publicKey.keyId)}, ` +
        `written to ${out}/${PUBLIC_KEY_FILE}. Fine for a try-out; consumers need your real key (subproc keygen).\n`,
    );
    await writeFile(join(folder, PUBLIC_KEY_FILE), publicKey);
  }
  await signReleaseFolder(folder, key.secret);
  const verified = verifyRelease({
    file: await readFile(join(folder, RELEASE_FILE)),
    signature: await readFile(join(folder, SIGNATURE_FILE), 'utf8'),
    publicKey,
    now: new Date(),
  });
  io.stdout.write(
    `verified ${out}/${RELEASE_FILE}: release ${verified.version}, ${verified.doc.subprocessors.length} subprocessors, sha256 ${verified.sha256}, key ${verified.keyId}\n` +
      `check it independently with: minisign -H -Vm ${out}/${RELEASE_FILE} -p ${key.kind === 'ephemeral' ? `${out}/${PUBLIC_KEY_FILE}` : 'keys/minisign.pub'}\n`,
  );
  return EXIT.ok;
}
