import { didYouMean } from '../engine/suggest.js';
import { SourceError } from '../registry/source.js';
import { version } from '../version.js';
import { importCommand, IMPORT_HELP } from './import.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { validateCommand, VALIDATE_HELP } from './validate.js';

export const HELP = `subproc ${version}: policy-as-code for GDPR subprocessor registries

Usage: subproc <command> [options]

Commands:
  validate [DIR]     check every registry file against its schema, with file:line:column diagnostics
  import FILE        turn a published subprocessor page (text or CSV) into registry files

Run "subproc <command> --help" for a command's options.
Exit codes: 0 clean, 1 findings or invalid data, 2 usage or environment error.
`;

const COMMANDS: Readonly<Record<string, { run: (args: string[], io: Io) => Promise<ExitCode>; help: string }>> = {
  validate: { run: validateCommand, help: VALIDATE_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
};

/** The only place that decides exit codes and turns errors into words: nothing below it prints or exits. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  const [command, ...rest] = argv;
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
    if (error instanceof UsageError || error instanceof SourceError) {
      io.stderr.write(`subproc: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'ENOSPC' || err.code === 'EROFS') {
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
