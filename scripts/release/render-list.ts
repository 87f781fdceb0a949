import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { markdownText } from '../diagnostics/markdown-text.js';
import { describePlace } from '../registry/places.js';

function where(sub: Subprocessor): string {
  return sub.locations.map(describePlace).join('; ');
}

function how(sub: Subprocessor): string {
  const mechanisms = [
    ...new Set(sub.locations.map((l) => `${l.mechanism ?? 'not given'}${l.mechanismDetail ? ` (${l.mechanismDetail})` : ''}`)),
  ];
  return mechanisms.join('; ');
}

/**
 * What a spreadsheet would read as a formula (OWASP CSV injection), and the guard quote itself: a cell beginning with
 * one of these gets a leading `'`, which spreadsheets show as text and `subproc import` removes again
 * (scripts/importer/csv.ts). Guarding a leading `'` too keeps the round trip exact.
 */
export const CSV_GUARDED = /^[=+\-@\t\r']/;

function csvField(text: string): string {
  const cell = CSV_GUARDED.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function ordered(doc: Release): { title: string; subs: Subprocessor[] }[] {
  return doc.categories.map((c) => ({ title: c.title, subs: doc.subprocessors.filter((s) => s.category === c.id) }));
}

/** The list as CSV with the columns of the published page, plus status: importable back with `subproc import`. */
export function renderCsv(doc: Release): string {
  const rows = [
    [
      'Category',
      'Subcontractor',
      'Storage place',
      'Mechanism allowing international data transfer',
      'Service provided',
      'Performed task',
      'Status',
    ],
  ];
  for (const { title, subs } of ordered(doc)) {
    for (const s of subs)
      rows.push([
        title,
        s.users ? `[${s.users.join(', ')} Only] ${s.name}` : s.name,
        where(s),
        how(s),
        s.service ?? '',
        s.tasks.join('\n'),
        s.status,
      ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Registry text in a table cell, a heading or a paragraph: shown as text, never as Markdown (scripts/format/text.ts). */
const cell = markdownText;

/** The list as the page customers read: one table per section, retired vendors at the end. */
export function renderMarkdown(doc: Release, title: string, introduction?: string): string {
  const out = [
    `# ${cell(title)}`,
    '',
    ...(introduction ? [cell(introduction), ''] : []),
    `Version ${doc.version}, released ${doc.releasedAt.slice(0, 10)}.`,
    '',
  ];
  const header = [
    '| Subcontractor | Storage place | Mechanism allowing international data transfer | Service provided and performed task |',
    '| --- | --- | --- | --- |',
  ];
  for (const { title: section, subs } of ordered(doc)) {
    const active = subs.filter((s) => s.status === 'active');
    if (active.length === 0) continue;
    out.push(`## ${cell(section)}`, '', ...header);
    for (const s of active) {
      const name = s.users ? `[${s.users.join(', ')} Only] ${s.name}` : s.name;
      out.push(
        `| ${cell(name)} | ${cell(where(s))} | ${cell(how(s))} | ${[...(s.service ? [cell(s.service)] : []), ...s.tasks.map((t) => `_${cell(t)}_`)].join(' ')} |`,
      );
    }
    out.push('');
  }
  const retired = doc.subprocessors.filter((s) => s.status === 'retired');
  if (retired.length > 0) {
    out.push('## Retired', '', '| Subcontractor | Retired on | Reason |', '| --- | --- | --- |');
    for (const s of retired) out.push(`| ${cell(s.name)} | ${s.retired?.on ?? ''} | ${cell(s.retired?.reason ?? '')} |`);
    out.push('');
  }
  return out.join('\n');
}
