import type { Palette } from './colour.js';
import { plural, type Report } from './report.js';

/** Grouped by file, one line per finding (`line:col severity message policy`), the fix indented below it. */
export function formatStylish(report: Report, colour: Palette): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const d of report.diagnostics) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      file = d.file;
      out.push(colour.underline(d.file));
    }
    const severity =
      d.severity === 'error' ? colour.red('error') : d.severity === 'warning' ? colour.yellow('warning') : colour.blue('info');
    out.push(`  ${colour.dim(`${d.line}:${d.column}`)}  ${severity}  ${d.message}  ${colour.dim(d.policy)}`);
    if (d.hint) out.push(...d.hint.split('\n').map((line, i) => colour.dim(`      ${i === 0 ? 'fix: ' : '     '}${line}`)));
    // Locations as file:line:col, so terminals and editors can jump to them.
    out.push(colour.dim(`      at ${d.file}:${d.line}:${d.column}`));
  }
  if (out.length > 0) out.push('');
  out.push(summaryLine(report, colour));
  return `${out.join('\n')}\n`;
}

export function summaryLine(report: Report, colour: Palette): string {
  const { errors, warnings, infos } = report.counts;
  const scope = `${plural(report.subprocessors, 'subprocessor')} valid, ${plural(report.files, 'file')} read in ${report.registry}`;
  if (errors === 0 && warnings === 0 && infos === 0) return colour.green(`✔ no problems: ${scope}`);
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos ? [plural(infos, 'notice')] : [])].join(', ');
  const line = `${errors > 0 ? '✖' : '⚠'} ${counts}: ${scope}`;
  return errors > 0 ? colour.red(line) : colour.yellow(line);
}
