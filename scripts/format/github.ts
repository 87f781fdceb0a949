import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Report } from '../engine/report.js';
import { describeReading, plural } from './text.js';

/** Workflow-command escaping: data escapes %, CR, LF; property values also ":" and ",". */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<Diagnostic['severity'], string>;

/** GitHub Actions workflow commands: each finding becomes an annotation on its file and line. */
export function formatGithub(report: Report): string {
  // Annotations mark what the change introduces; what the base has already would repeat on every pull request.
  const lines = report.diagnostics
    .filter((d) => d.baseline !== 'unchanged')
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `title=${escapeProperty(`${d.policy} (${d.messageId})`)}`,
      ].join(',');
      const body = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${COMMAND[d.severity]} ${properties}::${escapeData(body)}`;
    });
  const off = report.skipped.filter((s) => s.reason === 'off').map((s) => s.policy);
  if (off.length > 0)
    lines.unshift(
      `::warning title=${escapeProperty('policies turned off')}::${escapeData(`turned off in registry.yaml (policies:): ${off.join(', ')}`)}`,
    );
  for (const reading of report.readings)
    lines.unshift(`::notice title=${escapeProperty('whose data counts')}::${escapeData(describeReading(reading))}`);
  const { errors, warnings, infos } = report.counts;
  lines.push(
    `subproc ${report.command}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'notice')}, ${report.waived.length} waived`,
  );
  return `${lines.join('\n')}\n`;
}
