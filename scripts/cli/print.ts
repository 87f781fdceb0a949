import { paletteFor } from '../format/colour.js';
import { formatGithub } from '../format/github.js';
import { formatJson } from '../format/json.js';
import { formatMarkdown, linksFromEnv } from '../format/markdown.js';
import type { Report } from '../format/report.js';
import { formatSarif } from '../format/sarif.js';
import { formatStylish } from '../format/stylish.js';
import type { Io } from './io.js';

export const TEXT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** One engine, many formatters: every format prints the same report. */
export function printReport(report: Report, format: TextFormat, io: Io): void {
  const links = linksFromEnv(io.env);
  const text = {
    stylish: () => formatStylish(report, paletteFor(io.stdout, io.env)),
    json: () => formatJson(report),
    sarif: () => formatSarif(report, links),
    github: () => formatGithub(report),
    markdown: () => formatMarkdown(report, links),
  } satisfies Record<TextFormat, () => string>;
  io.stdout.write(text[format]());
}
