import { todayUtc } from '../diagnostics/dates.js';
import { runCheck } from '../pipeline/check.js';
import { shippedSetup } from '../pipeline/shipped.js';
import { failsAt } from '../engine/report.js';
import { checkSources } from '../pipeline/sources.js';
import { DEFAULT_REGISTRY_DIR } from '../registry/layout.js';
import { oneOf, parseCommandArgs, todayOption } from './args.js';
import { CACHE_OPTIONS, fileCacheFor } from './cache-option.js';
import { FIX_OPTIONS, fixRequest, runWithFixes } from './fix-options.js';
import { CHECK_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';
import { parseWrites, printReport, TEXT_FORMATS, writeReports } from './print.js';

export async function checkCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('check', args, {
    base: { type: 'string' },
    head: { type: 'string' },
    'no-base': { type: 'boolean' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    today: { type: 'string' },
    write: { type: 'string', multiple: true },
    ...FIX_OPTIONS,
    ...CACHE_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`check: expected at most one folder, got ${positionals.length}`, 'See: subproc check --help');
  if (values.base !== undefined && values['no-base']) throw new UsageError('check: --base and --no-base contradict each other');
  const format = oneOf('check', 'format', values.format, TEXT_FORMATS, 'stylish');
  const failOn = oneOf('check', 'fail-on', values['fail-on'], ['error', 'warning'] as const, 'error');
  const today = todayOption('check', values.today) ?? todayUtc();
  const writes = parseWrites('check', values.write);
  const fixing = fixRequest('check', values, values.head === undefined ? undefined : '--head', format);
  const dir = positionals[0] ?? DEFAULT_REGISTRY_DIR;
  // A GitHub Actions job expects a base: there, finding none is an error rather than a review without history.
  const { head, base } = await checkSources({
    cwd: io.cwd,
    dir,
    ...(values.head !== undefined ? { head: values.head } : {}),
    ...(values['no-base'] ? { base: null } : values.base !== undefined ? { base: values.base } : {}),
    expected: io.env.GITHUB_ACTIONS === 'true',
  });
  const setup = shippedSetup();
  const fileCache = fileCacheFor('check', values['no-cache'], io);
  // Only the head is ever fixed: the base is read from git.
  const report = await runWithFixes(
    fixing,
    head,
    dir,
    (fixedHead) => runCheck({ head: fixedHead, ...(base ? { base } : {}), today, setup, ...(fileCache ? { fileCache } : {}) }),
    io,
  );
  fileCache?.close();
  printReport(report, format, io);
  await writeReports(report, writes, io);
  return failsAt(failOn, report.counts) ? EXIT.findings : EXIT.ok;
}
