import { visible } from '../registry/invisible.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Palette } from './colour.js';
import type { Report } from '../engine/report.js';
import { describeReading, plural } from './text.js';

/** Grouped by file, one line per finding (`line:col severity message policy`), the fix indented below it. */
export function formatFindings(diagnostics: readonly Diagnostic[], colour: Palette): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      file = d.file;
      // A file name is registry text too: an invisible character in it (U+202E) is shown, not obeyed, by the terminal.
      out.push(colour.underline(visible(d.file)));
    }
    // A notice announces a change customers must hear of; it is labelled as such, whatever its severity.
    const severity =
      d.kind === 'notice'
        ? colour.blue('notice')
        : d.severity === 'error'
          ? colour.red('error')
          : d.severity === 'warning'
            ? colour.yellow('warning')
            : colour.blue('info');
    out.push(`  ${colour.dim(`${d.line}:${d.column}`)}  ${severity}  ${d.message}  ${colour.dim(d.policy)}`);
    if (d.hint) out.push(...d.hint.split('\n').map((line, i) => colour.dim(`      ${i === 0 ? 'fix: ' : '     '}${line}`)));
    // file:line:col on a line of its own, so terminals and editors can jump to it.
    out.push(colour.dim(`      at ${visible(d.file)}:${d.line}:${d.column}`));
  }
  if (out.length > 0) out.push('');
  return out.map((line) => `${line}\n`).join('');
}

export function formatStylish(report: Report, colour: Palette): string {
  const lines: string[] = [];
  if (report.command === 'check') {
    lines.push(
      colour.dim(report.base !== undefined ? `compared with ${report.base}` : 'no base to compare with: history policies skipped'),
    );
    const skipped = report.skipped.filter((s) => s.reason === 'no-base').map((s) => s.policy);
    if (skipped.length > 0 && report.base === undefined) lines.push(colour.dim(`skipped: ${skipped.join(', ')} (pass --base REF)`));
    lines.push('');
  }
  // Whose data counted decides which places are transfers (GDPR Art. 3): the reading is stated in every format.
  for (const reading of report.readings) lines.push(colour.dim(describeReading(reading)));
  if (report.readings.length > 0) lines.push('');
  // A policy turned off finds nothing, silently: say so, in every format.
  const off = report.skipped.filter((s) => s.reason === 'off').map((s) => s.policy);
  if (off.length > 0) {
    lines.push(colour.yellow(`turned off in registry.yaml (policies:): ${off.join(', ')}`), '');
  }
  const waived =
    report.waived.length > 0
      ? [colour.dim(`${plural(report.waived.length, 'finding')} waived: ${[...new Set(report.waived.map((w) => w.policy))].join(', ')}`)]
      : [];
  // What the base has already is not the change's doing: one line, by policy, instead of the whole list again.
  const standing = report.diagnostics.filter((d) => d.baseline === 'unchanged');
  const byPolicy = new Map<string, number>();
  for (const d of standing) byPolicy.set(d.policy, (byPolicy.get(d.policy) ?? 0) + 1);
  const unchanged =
    standing.length > 0
      ? [
          colour.dim(
            `${plural(standing.length, 'finding')} already on the base, not counted: ${[...byPolicy].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', ')} (--no-base lists them)`,
          ),
        ]
      : [];
  const shown = report.diagnostics.filter((d) => d.baseline !== 'unchanged');
  // As ESLint: say what --fix would do for the reader, who may not know it exists.
  const fixable = report.diagnostics.filter((d) => d.fix !== undefined).length;
  const fixes = fixable > 0 ? [colour.dim(`${plural(fixable, 'finding')} can be fixed with --fix (--fix-dry-run shows the change)`)] : [];
  return `${lines.map((l) => `${l}\n`).join('')}${formatFindings(shown, colour)}${[...unchanged, ...waived, summaryLine(report, colour), ...fixes].map((l) => `${l}\n`).join('')}`;
}

export function summaryLine(report: Report, colour: Palette): string {
  const { errors, warnings, infos } = report.counts;
  const scope = `${plural(report.subprocessors, 'subprocessor')} valid, ${plural(report.files, 'file')} read in ${report.registry}`;
  const waived = report.waived.length > 0 ? `, ${report.waived.length} waived` : '';
  if (errors === 0 && warnings === 0 && infos === 0) return colour.green(`✔ no problems${waived}: ${scope}`);
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos ? [plural(infos, 'notice')] : [])].join(', ');
  const line = `${errors > 0 ? '✖' : warnings > 0 ? '⚠' : 'ℹ'} ${counts}${waived}: ${scope}`;
  return errors > 0 ? colour.red(line) : warnings > 0 ? colour.yellow(line) : colour.blue(line);
}
