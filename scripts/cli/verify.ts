import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VerifyError, verifyRelease } from '../release/verify.js';
import { parseCommandArgs } from './args.js';
import { VERIFY_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

interface State {
  version: string;
  sha256: string;
  acceptedAt: string;
}

async function readInput(io: Io, path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(resolve(io.cwd, path));
  } catch {
    throw new UsageError(`verify: cannot read the ${what} ${path}`);
  }
}

async function readState(path: string): Promise<State | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as Partial<State>;
    if (typeof state.version === 'string' && typeof state.sha256 === 'string') return state as State;
  } catch {
    // fall through
  }
  throw new UsageError(
    `verify: the state file ${path} is not one subproc wrote`,
    'Restore it from a backup: without it, rollbacks cannot be detected.',
  );
}

export async function verifyCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('verify', args, {
    sig: { type: 'string' },
    pubkey: { type: 'string' },
    state: { type: 'string' },
    now: { type: 'string' },
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
  const statePath = values.state !== undefined ? resolve(io.cwd, values.state) : undefined;
  const last = statePath ? await readState(statePath) : undefined;
  try {
    const verified = verifyRelease({
      file: await readInput(io, file, 'file'),
      signature: (await readInput(io, values.sig ?? `${file}.minisig`, 'signature')).toString('utf8'),
      publicKey: (await readInput(io, values.pubkey, 'public key')).toString('utf8'),
      now,
      ...(last ? { lastAccepted: last } : {}),
    });
    for (const note of verified.notes) io.stderr.write(`note: ${note}\n`);
    if (statePath) {
      const state: State = { version: verified.version, sha256: verified.sha256, acceptedAt: now.toISOString() };
      await writeFile(statePath, `${JSON.stringify(state, null, 2)}\n`);
    }
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
