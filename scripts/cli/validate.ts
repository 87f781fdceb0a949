import { countBySeverity, sortDiagnostics } from '../engine/diagnostic.js';
import { paletteFor } from '../format/colour.js';
import { formatJson } from '../format/json.js';
import type { Report } from '../format/report.js';
import { formatStylish } from '../format/stylish.js';
import { directorySource } from '../registry/dir-source.js';
import { gitSource } from '../registry/git-source.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { loadRegistry } from '../registry/load.js';
import { oneOf, parseCommandArgs } from './args.js';
import { VALIDATE_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

const FORMATS = ['stylish', 'json'] as const;

export async function validateCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    ref: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`validate: expected at most one folder, got ${positionals.length}`, 'See: subproc validate --help');
  const format = oneOf('validate', 'format', values.format, FORMATS, 'stylish');
  const dir = positionals[0] ?? DEFAULT_REGISTRY_DIR;
  const source = values.ref !== undefined ? gitSource(values.ref, dir, io.cwd) : directorySource(dir, io.cwd);
  const registry = await loadRegistry(source);
  const diagnostics = sortDiagnostics(registry.diagnostics);
  const report: Report = {
    command: 'validate',
    registry: registry.label,
    files: registry.fileCount,
    subprocessors: registry.subprocessors.length,
    diagnostics,
    counts: countBySeverity(diagnostics),
  };
  io.stdout.write(format === 'json' ? formatJson(report) : formatStylish(report, paletteFor(io.stdout, io.env)));
  return report.counts.errors > 0 ? EXIT.findings : EXIT.ok;
}
