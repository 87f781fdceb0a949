import type { Modified } from '../engine/change.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { docsPath } from '../diagnostics/policy-meta.js';
import { placesOf } from './change-summary.js';
import type { Links } from './links.js';
import { plural, type Report } from '../engine/report.js';

export { linksFromEnv } from './links.js';

/** GitHub refuses comments over 65,536 characters; stay well under it and say what was left out. */
export const MAX_MARKDOWN = 60_000;
const MAX_ROWS = 40;

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').replace(/</g, '&lt;');
}

function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : `\`${text}\``;
}

function capped<T>(items: readonly T[], render: (item: T) => string, what: string): string[] {
  const shown = items.slice(0, MAX_ROWS).map(render);
  if (items.length > MAX_ROWS)
    shown.push(`\n_…and ${items.length - MAX_ROWS} more ${what}, listed in the job summary and the annotations._`);
  return shown;
}

function fieldChanges(diff: Modified): string {
  return diff.fields
    .map(
      (f) =>
        `${f.field}: ${f.before === undefined ? '—' : JSON.stringify(f.before)} → ${f.after === undefined ? '—' : JSON.stringify(f.after)}`,
    )
    .join('<br>');
}

function changeTable(report: Report): string[] {
  const change = report.change;
  if (!change) return [];
  const rows: string[] = [];
  for (const entry of change.added)
    rows.push(
      `| added | ${cell(entry.value.name)} | ${cell(placesOf(entry.value).join(', '))} | ${cell(entry.value.since ? `starts ${entry.value.since}` : 'no start date')} |`,
    );
  for (const diff of change.retired) {
    const retired = diff.after.value.retired;
    rows.push(
      `| retired | ${cell(diff.after.value.name)} | ${cell(placesOf(diff.after.value).join(', '))} | ${cell(retired ? `on ${retired.on}: ${retired.reason}` : '')} |`,
    );
  }
  for (const diff of change.reactivated) {
    const since = diff.after.value.since;
    rows.push(
      `| **re-engaged** | ${cell(diff.after.value.name)} | ${cell(placesOf(diff.after.value).join(', '))} | ${cell(since ? `starts ${since}` : 'no start date')} |`,
    );
  }
  for (const gone of change.deleted)
    rows.push(
      `| **deleted** | ${cell(gone.before?.value.name ?? gone.id)} | ${cell(gone.before ? placesOf(gone.before.value).join(', ') : '')} | ${cell(`${gone.file} removed`)} |`,
    );
  for (const diff of change.modified)
    rows.push(
      `| modified | ${cell(diff.after.value.name)} | ${cell(placesOf(diff.after.value).join(', '))} | ${fieldChanges(diff).split('<br>').map(cell).join('<br>')} |`,
    );
  if (rows.length === 0) return ['### What changed', '', 'No subprocessor changed.', ''];
  return [
    '### What changed',
    '',
    '| Change | Subprocessor | Places and mechanisms (after) | Details |',
    '| --- | --- | --- | --- |',
    ...capped(rows, (r) => r, 'changes'),
    '',
  ];
}

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Notices' } as const satisfies Record<Severity, string>;

function finding(d: Diagnostic, links: Links): string {
  const where = link(`${d.file}:${d.line}:${d.column}`, links.file(d.file, d.line));
  const policy = link(d.policy, links.docs(docsPath(d.policy)));
  return `- ${where} ${cell(d.message)} (${policy})${d.hint ? `<br>_Fix:_ ${cell(d.hint)}` : ''}`;
}

export interface MarkdownOptions {
  /** False when another channel lists the findings (Danger's own tables and inline comments). */
  readonly findings?: boolean;
}

/** The pull-request comment and the job summary: verdict, what changed, findings, waivers, notices. */
export function formatMarkdown(report: Report, links: Links, options: MarkdownOptions = {}): string {
  const { errors, warnings } = report.counts;
  const verdict = errors > 0 ? '❌ **Changes needed**' : warnings > 0 ? '⚠️ **Passes, with warnings**' : '✅ **All policies pass**';
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${report.waived.length} waived`;
  const compared = report.base !== undefined ? `compared with \`${report.base}\`` : 'no base to compare with (history policies skipped)';
  const out: string[] = [
    `## Subprocessor registry review`,
    '',
    `${verdict}: ${counts}. ${plural(report.subprocessors, 'subprocessor')}, ${compared}.`,
    '',
  ];
  out.push(...changeTable(report));
  const notices = report.diagnostics.filter((d) => d.severity === 'info' && d.messageId.startsWith('notice-'));
  const findings = report.diagnostics.filter((d) => !notices.includes(d));
  if (findings.length > 0 && options.findings !== false) {
    out.push('### Findings', '');
    for (const severity of ['error', 'warning', 'info'] as const) {
      const group = findings.filter((d) => d.severity === severity);
      if (group.length === 0) continue;
      out.push(`#### ${HEADINGS[severity]} (${group.length})`, '', ...capped(group, (d) => finding(d, links), 'findings'), '');
    }
  }
  if (report.waived.length > 0) {
    out.push('### Waived findings', '', '| Finding | Policy | Reason | Expires |', '| --- | --- | --- | --- |');
    out.push(
      ...capped(
        report.waived,
        (d) =>
          `| ${link(`${d.file}:${d.line}`, links.file(d.file, d.line))} ${cell(d.message)} | ${d.policy} | ${cell(d.waiver.reason)} | ${d.waiver.expires} |`,
        'waived findings',
      ),
      '',
    );
  }
  if (notices.length > 0) {
    out.push('### Changes that need customer notice', '');
    if (report.earliestStart)
      out.push(`A subprocessor or place added today may start processing on **${report.earliestStart}** at the earliest.`, '');
    out.push(...capped(notices, (d) => `- ${cell(d.message.replace(/^notice: /, ''))}`, 'notices'), '');
  }
  let text = `${out.join('\n')}\n`;
  if (text.length > MAX_MARKDOWN) {
    text = `${text.slice(0, MAX_MARKDOWN)}\n\n_The report was cut at ${MAX_MARKDOWN} characters; the annotations and the job summary have it all._\n`;
  }
  return text;
}
