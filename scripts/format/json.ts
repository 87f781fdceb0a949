import type { CommandOutput } from '../generated/output.js';
import { version } from '../version.js';
import { summariseChange } from './change-summary.js';
import type { Report } from '../engine/report.js';

export function toCommandOutput(report: Report): CommandOutput {
  return {
    tool: 'subproc',
    version,
    command: report.command,
    registry: report.registry,
    ...(report.base !== undefined ? { base: report.base } : {}),
    transferScope: report.readings.map(({ law, reading, because }) => ({ law, reading, because })),
    legalBases: report.legalBases.map((b) => ({ ...b, dpv: [...b.dpv] })),
    summary: {
      files: report.files,
      subprocessors: report.subprocessors,
      ...report.counts,
      waived: report.waived.length,
      ...(report.base !== undefined ? { unchanged: report.unchanged } : {}),
    },
    diagnostics: report.diagnostics.map((d) => ({ ...d })),
    ...(report.command === 'check' ? { waived: report.waived.map((d) => ({ ...d })), skipped: report.skipped.map((s) => s.policy) } : {}),
    ...(report.change ? { changes: summariseChange(report.change) } : {}),
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toCommandOutput(report), null, 2)}\n`;
}
