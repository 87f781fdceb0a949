import type { Severity } from '../diagnostics/diagnostic.js';
import { CHANGE_KINDS, entriesWith, modifiedEntries, type ChangeKind, type EntryChange } from '../engine/change.js';
import type { Report } from '../engine/report.js';
import { describeLocation } from '../registry/places.js';
import { renderFinding } from './finding.js';
import type { Links } from './links.js';
import { describeReading, markdownLink, markdownText, plural } from './text.js';

export { linksFromEnv } from './links.js';

/** GitHub refuses comments over 65,536 characters; stay well under it and say what was left out. */
export const MAX_MARKDOWN = 60_000;
const MAX_ROWS = 40;

function capped<T>(items: readonly T[], render: (item: T) => string, what: string): string[] {
  const shown = items.slice(0, MAX_ROWS).map(render);
  if (items.length > MAX_ROWS)
    shown.push(`\n_…and ${items.length - MAX_ROWS} more ${what}, listed in the job summary and the annotations._`);
  return shown;
}

function fieldChanges(e: EntryChange): string {
  return e.fields
    .map(
      (f) =>
        `${f.field}: ${f.before === undefined ? '—' : JSON.stringify(f.before)} → ${f.after === undefined ? '—' : JSON.stringify(f.after)}`,
    )
    .map(markdownText)
    .join('<br>');
}

/** The details column for an entry, by the kind that put it in its row. */
function details(kind: ChangeKind | 'modified', e: EntryChange): string {
  const after = e.after;
  switch (kind) {
    case 'added':
    case 'reactivated':
      return markdownText(after?.since ? `starts ${after.since}` : 'no start date');
    case 'retired':
      return markdownText(after?.retired ? `on ${after.retired.on}: ${after.retired.reason}` : '');
    case 'deleted':
      return markdownText(`${e.file ?? e.id} removed`);
    default:
      return fieldChanges(e);
  }
}

/** Rows grouped as a reviewer reads them: engagements and exits first, then edits; customer-notice rows in bold. */
const ROW_KINDS = ['added', 'retired', 'reactivated', 'deleted'] as const satisfies readonly ChangeKind[];

function changeTable(report: Report): string[] {
  const change = report.change;
  if (!change) return [];
  const rows: string[] = [];
  const row = (label: string, e: EntryChange, detail: string) => {
    const entry = e.after ?? e.before;
    const places = entry ? entry.locations.map(describeLocation).join(', ') : '';
    rows.push(`| ${label} | ${markdownText(entry?.name ?? e.id)} | ${markdownText(places)} | ${detail} |`);
  };
  for (const kind of ROW_KINDS) {
    // Re-engaging and deleting are what reviewers most easily miss among routine additions and retirements.
    const label = kind === 'reactivated' || kind === 'deleted' ? `**${CHANGE_KINDS[kind].label}**` : CHANGE_KINDS[kind].label;
    for (const e of entriesWith(change, kind)) row(label, e, details(kind, e));
  }
  for (const e of modifiedEntries(change)) row('modified', e, details('modified', e));
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

export interface MarkdownOptions {
  /** False when another channel lists the findings (Danger's own tables and inline comments). */
  readonly findings?: boolean;
}

/** The pull-request comment and the job summary: verdict, what changed, findings, waivers, notices. */
export function formatMarkdown(report: Report, links: Links, options: MarkdownOptions = {}): string {
  const { errors, warnings } = report.counts;
  const verdict = errors > 0 ? '❌ **Changes needed**' : warnings > 0 ? '⚠️ **Passes, with warnings**' : '✅ **All policies pass**';
  const standing = report.unchanged > 0 ? `, ${report.unchanged} already on the base` : '';
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${report.waived.length} waived${standing}`;
  const compared =
    report.base !== undefined
      ? `compared with ${markdownLink(report.base, undefined)}`
      : 'no base to compare with (history policies skipped)';
  const out: string[] = [
    `## Subprocessor registry review`,
    '',
    `${verdict}: ${counts}. ${plural(report.subprocessors, 'subprocessor')}, ${compared}.`,
    '',
  ];
  if (report.readings.length > 0) out.push(...report.readings.map((r) => `_${markdownText(describeReading(r))}_`), '');
  const off = report.skipped.filter((s) => s.reason === 'off').map((s) => markdownLink(s.policy, undefined));
  if (off.length > 0) out.push(`⚠️ Turned off in \`registry.yaml\` (\`policies:\`): ${off.join(', ')}.`, '');
  // A change to how the registry is judged comes first: reviewers must see it before anything it could hide.
  const settings = report.diagnostics.filter((d) => d.kind === 'settings');
  if (settings.length > 0) {
    out.push(
      '### Settings and waivers this change alters',
      '',
      ...capped(settings, (d) => `- ${renderFinding(d, links)}`, 'settings changes'),
      '',
    );
  }
  out.push(...changeTable(report));
  const notices = report.diagnostics.filter((d) => d.kind === 'notice');
  const findings = report.diagnostics.filter((d) => d.kind === 'finding' && d.baseline !== 'unchanged');
  const unchanged = report.diagnostics.filter((d) => d.kind === 'finding' && d.baseline === 'unchanged');
  if (findings.length > 0 && options.findings !== false) {
    out.push('### Findings', '');
    for (const severity of ['error', 'warning', 'info'] as const) {
      const group = findings.filter((d) => d.severity === severity);
      if (group.length === 0) continue;
      out.push(`#### ${HEADINGS[severity]} (${group.length})`, '', ...capped(group, (d) => `- ${renderFinding(d, links)}`, 'findings'), '');
    }
  }
  if (unchanged.length > 0) {
    out.push(
      '<details>',
      `<summary>${plural(unchanged.length, 'finding')} already on the base, not introduced by this change</summary>`,
      '',
      ...capped(unchanged, (d) => `- ${renderFinding(d, links)}`, 'findings'),
      '',
      '</details>',
      '',
    );
  }
  if (report.waived.length > 0) {
    out.push('### Waived findings', '', '| Finding | Policy | Reason | Expires |', '| --- | --- | --- | --- |');
    out.push(
      ...capped(
        report.waived,
        (d) =>
          `| ${markdownLink(`${d.file}:${d.line}`, links.file(d.file, d.line))} ${markdownText(d.message)} | ${d.policy} | ${markdownText(d.waiver.reason)} | ${d.waiver.expires} |`,
        'waived findings',
      ),
      '',
    );
  }
  if (notices.length > 0) {
    out.push('### Changes that need customer notice', '');
    if (report.earliestStart)
      out.push(`A subprocessor or place added today may start processing on **${report.earliestStart}** at the earliest.`, '');
    out.push(...capped(notices, (d) => `- ${markdownText(d.message)}`, 'notices'), '');
  }
  let text = `${out.join('\n')}\n`;
  if (text.length > MAX_MARKDOWN) {
    text = `${text.slice(0, MAX_MARKDOWN)}\n\n_The report was cut at ${MAX_MARKDOWN} characters; the annotations and the job summary have it all._\n`;
  }
  return text;
}
