import { todayUtc } from '../diagnostics/dates.js';
import { runValidate } from '../pipeline/check.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { directorySource } from '../registry/dir-source.js';
import { gitSource } from '../registry/git-source.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { oneOf, parseCommandArgs, todayOption } from './args.js';
import { printReport, TEXT_FORMATS } from './print.js';
import { VALIDATE_HELP } from './help.js';
import { CACHE_OPTIONS, fileCacheFor } from './cache-option.js';
import { FIX_OPTIONS, fixRequest, runWithFixes } from './fix-options.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

export async function validateCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    ref: { type: 'string' },
    format: { type: 'string' },
    today: { type: 'string' },
    ...FIX_OPTIONS,
    ...CACHE_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`validate: expected at most one folder, got ${positionals.length}`, 'See: subproc validate --help');
  const format = oneOf('validate', 'format', values.format, TEXT_FORMATS, 'stylish');
  const fixing = fixRequest('validate', values, values.ref === undefined ? undefined : '--ref', format);
  const dir = positionals[0] ?? DEFAULT_REGISTRY_DIR;
  const source = values.ref !== undefined ? gitSource(values.ref, dir, io.cwd) : directorySource(dir, io.cwd);
  const fileCache = fileCacheFor('validate', values['no-cache'], io);
  const options = {
    today: todayOption('validate', values.today) ?? todayUtc(),
    setup: shippedSetup(),
    ...(fileCache ? { fileCache } : {}),
  };
  const report = await runWithFixes(fixing, source, dir, (fixed) => runValidate(fixed, options), io);
  fileCache?.close();
  printReport(report, format, io);
  return report.counts.errors > 0 ? EXIT.findings : EXIT.ok;
}
