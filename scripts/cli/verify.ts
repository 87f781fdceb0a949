import { resolve } from 'node:path';
import { BoundedReadError, describeReadProblem, READ_LIMITS, readBounded } from '../release/bounded-read.js';
import { VerifyError, verifyRelease, type Verified } from '../release/verify.js';
import { parseCommandArgs } from './args.js';
import { VERIFY_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { lockState, readState, statePathOf, writeState, type AcceptedState } from './state-file.js';

/** A file named on the command line, read only if it is a regular file within its size cap (exit 2 otherwise). */
async function readInput(io: Io, path: string, what: string, limit: number): Promise<Buffer> {
  try {
    return await readBounded(resolve(io.cwd, path), limit);
  } catch (error) {
    if (error instanceof BoundedReadError)
      throw new UsageError(`verify: cannot read the ${what} ${path}: ${describeReadProblem(error.problem)}`);
    throw error;
  }
}

export async function verifyCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('verify', args, {
    sig: { type: 'string' },
    pubkey: { type: 'string' },
    state: { type: 'string' },
    now: { type: 'string' },
    'allow-legacy': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(VERIFY_HELP);
    return EXIT.ok;
  }
  const [file] = positionals;
  if (!file || !values.pubkey)
    throw new UsageError('verify: give the file and the trusted public key: subproc verify FILE --pubkey KEY [--sig FILE.minisig]');
  const now = values.now !== undefined ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`verify: --now must be an instant such as 2026-11-23T10:00:00Z, not "${values.now ?? ''}"`);
  const inputs = {
    file: await readInput(io, file, 'file', READ_LIMITS.release),
    signature: (await readInput(io, values.sig ?? `${file}.minisig`, 'signature', READ_LIMITS.signature)).toString('utf8'),
    publicKey: (await readInput(io, values.pubkey, 'public key', READ_LIMITS.publicKey)).toString('utf8'),
    now,
    allowLegacy: values['allow-legacy'] === true,
  };
  try {
    const verified = values.state === undefined ? verifyRelease(inputs) : await verifyWithState(inputs, resolve(io.cwd, values.state));
    for (const note of verified.notes) io.stderr.write(`note: ${note}\n`);
    io.stdout.write(
      `verified: ${file} is release ${verified.version}, signed with key ${verified.keyId}, valid until ${verified.doc.expiresAt}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof VerifyError) {
      io.stderr.write(`subproc: verify: REFUSED (${error.code}): ${error.message}\n`);
      return EXIT.findings;
    }
    throw error;
  }
}

/** Verifies against the last accepted release and records this one, holding the state's lock throughout. */
async function verifyWithState(inputs: Parameters<typeof verifyRelease>[0], given: string): Promise<Verified> {
  const path = await statePathOf(given);
  const unlock = await lockState(path);
  try {
    const before = await readState(path);
    const verified = verifyRelease({ ...inputs, ...(before.state ? { lastAccepted: before.state } : {}) });
    const state: AcceptedState = { version: verified.version, sha256: verified.sha256, acceptedAt: inputs.now.toISOString() };
    await writeState(path, before, state);
    return verified;
  } finally {
    await unlock();
  }
}
