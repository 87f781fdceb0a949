import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NO_COLOURS, paletteFor } from '../format/colour.js';
import { formatGithub } from '../format/github.js';
import { formatJson } from '../format/json.js';
import { formatMarkdown, linksFromEnv } from '../format/markdown.js';
import type { Report } from '../engine/report.js';
import { formatSarif } from '../format/sarif.js';
import { formatStylish } from '../format/stylish.js';
import { readPolicyDocs } from '../pipeline/policy-docs.js';
import { UsageError, type Io } from './io.js';

export const TEXT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** One engine, many formatters: every format renders the same report. */
export function renderReport(report: Report, format: TextFormat, io: Io, colour: boolean): string {
  const links = linksFromEnv(io.env);
  const text = {
    stylish: () => formatStylish(report, colour ? paletteFor(io.stdout, io.env) : NO_COLOURS),
    json: () => formatJson(report),
    sarif: () => formatSarif(report, links, readPolicyDocs),
    github: () => formatGithub(report),
    markdown: () => formatMarkdown(report, links),
  } satisfies Record<TextFormat, () => string>;
  return text[format]();
}

export function printReport(report: Report, format: TextFormat, io: Io): void {
  io.stdout.write(renderReport(report, format, io, true));
}

/** --write FORMAT:FILE, repeatable: one run feeds the annotations, the job summary and code scanning. */
export function parseWrites(command: string, values: readonly string[] | undefined): { format: TextFormat; file: string }[] {
  return (values ?? []).map((value) => {
    const colon = value.indexOf(':');
    const format = value.slice(0, colon);
    const file = value.slice(colon + 1);
    if (colon < 1 || !file || !(TEXT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`${command}: --write takes FORMAT:FILE with FORMAT one of ${TEXT_FORMATS.join(', ')}, not "${value}"`);
    }
    return { format: format as TextFormat, file };
  });
}

export async function writeReports(report: Report, writes: readonly { format: TextFormat; file: string }[], io: Io): Promise<void> {
  for (const { format, file } of writes) {
    try {
      await writeFile(resolve(io.cwd, file), renderReport(report, format, io, false));
    } catch (error) {
      // A missing folder or a read-only path is the command line's problem: exit 2 with what and where.
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(
        `--write ${format}:${file}: cannot write the file (${reason})`,
        'Write into an existing folder you can write to.',
      );
    }
  }
}
