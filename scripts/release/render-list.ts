import type { DeclaredLaw, Release, StatusOnRelease, Upcoming } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { markdownText } from '../diagnostics/markdown-text.js';
import { categoryLabel, subjectLabel } from '../registry/data-vocabulary.js';
import { describeMechanisms, mechanismsOf } from '../registry/location-mechanisms.js';
import { coverageCodes, coverageUnder, coverageWords, declaredLaws } from './coverage-words.js';
import { locationWords, mechanismNames, usersWords } from './list-words.js';
import { describePlace } from '../registry/places.js';
import { scopeWords, type ScopeDeclaration } from '../registry/scopes.js';
import { releaseDay, statusOn } from './release-doc.js';

type Entry = Release['subprocessors'][number];

/** The entry's status on the release date, as the document states it (a 1.0.x document did not: computed then). */
function onRelease(doc: Release, entry: Entry): { statusOnRelease: StatusOnRelease; upcoming?: Upcoming } {
  if (entry.statusOnRelease === undefined) return statusOn(entry, releaseDay(doc.releasedAt));
  return { statusOnRelease: entry.statusOnRelease, ...(entry.upcoming ? { upcoming: entry.upcoming } : {}) };
}

/** What is still to come, in words: "from 2027-01-15", "retiring on 2027-03-31", or both. Dates only, no registry text. */
function upcomingWords(upcoming: Upcoming | undefined): string[] {
  return [
    ...(upcoming?.starts !== undefined ? [`from ${upcoming.starts}`] : []),
    ...(upcoming?.retires !== undefined ? [`retiring on ${upcoming.retires}`] : []),
  ];
}

/**
 * The Status cell of the CSV, as of the release date: active, retired, `upcoming (from 2027-01-15)` or
 * `retiring (on 2027-03-31)`. `subproc import` reads it with the Since and Retired columns beside it (scripts/importer/status-cells.ts).
 */
function csvStatus(doc: Release, entry: Entry): string {
  const { statusOnRelease, upcoming } = onRelease(doc, entry);
  if (statusOnRelease === 'retiring' && upcoming?.retires !== undefined) return `retiring (on ${upcoming.retires})`;
  const words = upcomingWords(upcoming);
  return words.length > 0 ? `${statusOnRelease} (${words.join(', ')})` : statusOnRelease;
}

/** After a name in the Markdown list: ` (from 2027-01-15)`, ` (retiring on 2027-03-31)`, or nothing. */
function markdownDates(doc: Release, entry: Entry): string {
  const words = upcomingWords(onRelease(doc, entry).upcoming);
  return words.length > 0 ? ` (${words.join(', ')})` : '';
}

/**
 * The data processed, in words, special categories marked ("Health data (Art. 9)"), with the places whose own
 * list replaces the vendor's, and whose data it is; empty while the entry says neither.
 */
function dataWords(sub: Subprocessor): string {
  const parts: string[] = [];
  if (sub.dataCategories) parts.push(sub.dataCategories.map(categoryLabel).join(', '));
  for (const l of sub.locations) {
    if (l.dataCategories) parts.push(`in ${l.place}: ${l.dataCategories.map(categoryLabel).join(', ')}`);
  }
  const subjects = sub.dataSubjects ? `about ${sub.dataSubjects.map((s) => subjectLabel(s).toLowerCase()).join(', ')}` : '';
  if (parts.length === 0 && !subjects) return '';
  return `Data: ${[parts.join('; '), subjects].filter(Boolean).join(', ')}.`;
}

/** Where, with each scoped place's scope: "US (only in US cloud); DE (only in EU cloud)". */
function scopedWhere(sub: Subprocessor, scopes: readonly ScopeDeclaration[] | undefined): string {
  return sub.locations
    .map((l) => {
      const scope = scopeWords(l.when, scopes);
      return scope ? `${describePlace(l)} (${scope})` : describePlace(l);
    })
    .join('; ');
}

function how(sub: Subprocessor): string {
  const mechanisms = [
    ...new Set(sub.locations.map((l) => `${describeMechanisms(l, 'not given')}${l.mechanismDetail ? ` (${l.mechanismDetail})` : ''}`)),
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

function ordered(doc: Release): { title: string; subs: Entry[] }[] {
  return doc.categories.map((c) => ({ title: c.title, subs: doc.subprocessors.filter((s) => s.category === c.id) }));
}

/** The codes of each location, in the locations' order, one `; ` between locations: "IE; US", "dpf, scc; none". */
function perLocation(sub: Subprocessor, codes: (l: Subprocessor['locations'][number]) => readonly string[]): string {
  const cells = sub.locations.map((l) => codes(l).join(', '));
  return cells.every((c) => c === '') ? '' : cells.join('; ');
}

/** The mechanisms of the entry's locations in words, each wording once, with the detail a location gives. */
function mechanismsInWords(sub: Subprocessor): string {
  const words = sub.locations.map((l) => `${mechanismNames(l, 'Not given')}${l.mechanismDetail ? ` (${l.mechanismDetail})` : ''}`);
  return [...new Set(words)].join('; ');
}

/**
 * The list as CSV for spreadsheets: the places, user scopes and mechanisms in words ("Ireland (users in Europe);
 * United States of America", "Standard Contractual Clauses"), each with its codes in a column of its own ("IE; US",
 * "scc"), the data categories and subjects in words ("Health data (Art. 9)") and as ids, the id, and the status on the release date (with the date of an upcoming start or retirement). A UTF-8
 * BOM first, so that Excel reads the names as UTF-8; every cell guarded against formula injection. `subproc import`
 * reads it back exactly from the code columns, and ignores the word columns it has codes for. The Status column is a
 * fact of the release date; Since, Retired on and Retirement reason (the registry's own fields) carry what it needs
 * to import a vendor as upcoming or retired again, since a status alone lacks the retirement's reason.
 * From schema 1.5.0, two columns per declared law say what covers each place under it, in words and as codes
 * ("framework dpf; inside-zone"); the importer leaves them unread, since the release computes them.
 */
export function renderCsv(doc: Release): string {
  const laws = declaredLaws(doc);
  const rows = [
    [
      'ID',
      'Category',
      'Subcontractor',
      'Users',
      'User codes',
      'Storage place',
      'Place codes',
      'Place user codes',
      'Mechanism allowing international data transfer',
      'Mechanism codes',
      'Service provided',
      'Performed task',
      'Data categories',
      'Data category codes',
      'Data subjects',
      'Data subject codes',
      'Since',
      'Retired on',
      'Retirement reason',
      ...laws.flatMap((law) => [`Coverage under ${law.name}`, `Coverage codes under ${law.id}`]),
      'Status',
    ],
  ];
  for (const { title, subs } of ordered(doc)) {
    for (const s of subs)
      rows.push([
        s.id,
        title,
        s.name,
        usersWords(s.users),
        (s.users ?? []).join(', '),
        s.locations.map(locationWords).join('; '),
        s.locations.map((l) => l.place).join('; '),
        perLocation(s, (l) => l.users ?? []),
        mechanismsInWords(s),
        perLocation(s, mechanismsOf),
        s.service ?? '',
        s.tasks.join('\n'),
        (s.dataCategories ?? []).map(categoryLabel).join('; '),
        (s.dataCategories ?? []).join(', '),
        (s.dataSubjects ?? []).map(subjectLabel).join('; '),
        (s.dataSubjects ?? []).join(', '),
        s.since ?? '',
        s.retired?.on ?? '',
        s.retired?.reason ?? '',
        ...laws.flatMap((law) => [
          s.locations.map((l) => coverageOrUnknown(l, law)).join('; '),
          s.locations.map((l) => coverageCodes(coverageUnder(l, law))).join('; '),
        ]),
        csvStatus(doc, s),
      ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** What covers one place under one law in words; '' when the document does not say. */
function coverageOrUnknown(location: Entry['locations'][number], law: DeclaredLaw): string {
  const coverage = coverageUnder(location, law);
  return coverage ? coverageWords(coverage, law) : '';
}

/** Registry text in a table cell, a heading or a paragraph: shown as text, never as Markdown (scripts/format/text.ts). */
const cell = markdownText;

/**
 * The list as the page customers read: one table per section, retired vendors at the end. Sections list the vendors
 * processing data on the release date and those still to come: an upcoming vendor with the day it starts
 * ("(from 2027-01-15)"), a retiring one with the day it stops ("(retiring on 2027-03-31)"); a vendor moves under
 * Retired once its retirement date is reached.
 */
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
    const listed = subs.filter((s) => onRelease(doc, s).statusOnRelease !== 'retired');
    if (listed.length === 0) continue;
    out.push(`## ${cell(section)}`, '', ...header);
    for (const s of listed) {
      const name = s.users ? `[${s.users.join(', ')} Only] ${s.name}` : s.name;
      const data = dataWords(s);
      const scope = scopeWords(s.when, doc.scopes);
      out.push(
        `| ${cell(name)}${markdownDates(doc, s)}${scope ? ` (${cell(scope)})` : ''} | ${cell(scopedWhere(s, doc.scopes))} | ${cell(how(s))} | ${[...(s.service ? [cell(s.service)] : []), ...s.tasks.map((t) => `_${cell(t)}_`), ...(data ? [cell(data)] : [])].join(' ')} |`,
      );
    }
    out.push('');
  }
  const retired = doc.subprocessors.filter((s) => onRelease(doc, s).statusOnRelease === 'retired');
  if (retired.length > 0) {
    out.push('## Retired', '', '| Subcontractor | Retired on | Reason |', '| --- | --- | --- |');
    for (const s of retired) out.push(`| ${cell(s.name)} | ${s.retired?.on ?? ''} | ${cell(s.retired?.reason ?? '')} |`);
    out.push('');
  }
  return out.join('\n');
}
