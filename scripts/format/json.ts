import type { CommandOutput } from '../generated/output.js';
import { version } from '../version.js';
import type { Report } from './report.js';

export function toCommandOutput(report: Report): CommandOutput {
  return {
    tool: 'subproc',
    version,
    command: report.command,
    registry: report.registry,
    summary: { files: report.files, subprocessors: report.subprocessors, ...report.counts },
    diagnostics: report.diagnostics.map((d) => ({ ...d })),
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toCommandOutput(report), null, 2)}\n`;
}
