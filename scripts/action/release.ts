import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../cli/main.js';
import { EXIT, UsageError, type ExitCode, type Io } from '../cli/io.js';
import { RELEASE_FILE } from '../release/artefacts.js';
import { PINNED_KEY } from '../release/keys.js';
import { SIGNING_KEY_ENV } from '../release/secret-env.js';
import type { ActionInputs } from './inputs.js';
import { setOutput } from './runner.js';

/** The release folder, as release.yml and `subproc build` name it. */
export const RELEASE_DIR = 'dist';

function builtVersion(io: Io): string | undefined {
  const file = join(resolve(io.cwd, RELEASE_DIR), RELEASE_FILE);
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof doc.version === 'string' ? doc.version : undefined;
}

/**
 * release: what release.yml runs, through the same commands (build, sign, publish), each given only what it needs:
 * the token to build (the previous release) and to publish, the signing key to sign and to nothing else. With
 * release-step all, one job does everything; release.yml runs build, sign and publish in three jobs so that the
 * key never shares a job with a write token.
 */
export async function releaseMode(inputs: ActionInputs, io: Io): Promise<ExitCode> {
  const step = inputs.releaseStep;
  // Before building: a run that cannot sign must not leave a half-made release behind.
  if ((step === 'all' || step === 'sign') && !inputs.signingKey)
    throw new UsageError(
      'the release step sign needs the input signing-key',
      'Pass it from a secret: signing-key: ${{ secrets.SUBPROC_SIGNING_KEY }} (subproc keygen makes one).',
    );
  const withToken: Io = { ...io, env: { ...io.env, ...(inputs.token ? { GITHUB_TOKEN: inputs.token } : {}) } };
  if (step === 'all' || step === 'build') {
    const code = await main(
      ['build', inputs.registry, '--out', RELEASE_DIR, '--previous-from-github', '--reissue-within', '30'],
      withToken,
    );
    if (code !== EXIT.ok) return code;
    const version = builtVersion(io);
    setOutput(io.env, 'built', version ? 'true' : 'false');
    if (version) setOutput(io.env, 'version', version);
    // Nothing changed and nothing expires soon: there is nothing to sign or publish.
    if (!version) return EXIT.ok;
  }
  if (step === 'all' || step === 'sign') {
    // The key lives only in this command's environment object: process.env, which child processes inherit, never has it.
    const code = await main(['sign', RELEASE_DIR], { ...io, env: { ...io.env, [SIGNING_KEY_ENV]: inputs.signingKey } });
    if (code !== EXIT.ok) return code;
  }
  if (step === 'all' || step === 'publish') {
    const code = await main(['publish', RELEASE_DIR, '--pubkey', PINNED_KEY], withToken);
    if (code !== EXIT.ok) return code;
  }
  const version = builtVersion(io);
  if (version) setOutput(io.env, 'version', version);
  return EXIT.ok;
}
