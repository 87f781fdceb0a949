import { didYouMean } from '../diagnostics/suggest.js';
import { SourceError } from '../registry/source.js';
import { BoundedReadError } from '../release/bounded-read.js';
import { SECRET_ENV } from '../release/secret-env.js';
import { version } from '../version.js';
import {
  BUILD_HELP,
  CHECK_HELP,
  DIFF_HELP,
  HELP,
  IMPORT_HELP,
  INIT_HELP,
  KEYGEN_HELP,
  PUBLISH_HELP,
  RELEASE_HELP,
  SIGN_HELP,
  VALIDATE_HELP,
  VERIFY_HELP,
} from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

const COMMANDS: Readonly<Record<string, { run: (args: string[], io: Io) => Promise<ExitCode>; help: string }>> = {
  // Loaded on demand: start-up pays only for the command that runs.
  release: { run: async (args, io) => (await import('./release.js')).releaseCommand(args, io), help: RELEASE_HELP },
  build: { run: async (args, io) => (await import('./build.js')).buildCommand(args, io), help: BUILD_HELP },
  keygen: { run: async (args, io) => (await import('./keygen.js')).keygenCommand(args, io), help: KEYGEN_HELP },
  sign: { run: async (args, io) => (await import('./sign.js')).signCommand(args, io), help: SIGN_HELP },
  verify: { run: async (args, io) => (await import('./verify.js')).verifyCommand(args, io), help: VERIFY_HELP },
  diff: { run: async (args, io) => (await import('./diff.js')).diffCommand(args, io), help: DIFF_HELP },
  publish: { run: async (args, io) => (await import('./publish.js')).publishCommand(args, io), help: PUBLISH_HELP },
  check: { run: async (args, io) => (await import('./check.js')).checkCommand(args, io), help: CHECK_HELP },
  validate: { run: async (args, io) => (await import('./validate.js')).validateCommand(args, io), help: VALIDATE_HELP },
  import: { run: async (args, io) => (await import('./import.js')).importCommand(args, io), help: IMPORT_HELP },
  init: { run: async (args, io) => (await import('./init.js')).initCommand(args, io), help: INIT_HELP },
};

/** The only place that decides exit codes and turns errors into words: nothing below it prints or exits. */
export async function main(argv: string[], given: Io): Promise<ExitCode> {
  const [command, ...rest] = argv;
  // Commands read secrets from io.env; child processes (git) inherit process.env, which no longer holds them.
  const io: Io = { ...given, env: { ...given.env } };
  for (const name of SECRET_ENV) Reflect.deleteProperty(process.env, name);
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      io.stdout.write(topic && COMMANDS[topic] ? COMMANDS[topic].help : HELP);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    const entry = COMMANDS[command];
    if (!entry) {
      const suggestion = didYouMean(command, Object.keys(COMMANDS));
      throw new UsageError(
        `unknown command "${command}"`,
        suggestion ? `Did you mean "subproc ${suggestion}"?` : 'Run "subproc --help" for the list of commands.',
      );
    }
    return await entry.run(rest, io);
  } catch (error) {
    if (error instanceof BoundedReadError) {
      io.stderr.write(`subproc: cannot read ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof SourceError) {
      io.stderr.write(`subproc: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    const err = error as NodeJS.ErrnoException;
    // The environment refusing a path (a file where a folder is expected, a name too long), not a bug in subproc.
    if (['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP'].includes(err.code ?? '')) {
      io.stderr.write(`subproc: cannot write or read a file: ${err.message}\n`);
      return EXIT.usage;
    }
    // A bug in subproc, not in the user's data: say so plainly; the stack only on request.
    io.stderr.write(
      `subproc: internal error: ${error instanceof Error ? error.message : String(error)}\n  Please report it; rerun with SUBPROC_DEBUG=1 for details.\n`,
    );
    if (io.env.SUBPROC_DEBUG) io.stderr.write(`${err.stack ?? ''}\n`);
    return EXIT.usage;
  }
}
