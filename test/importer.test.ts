import { describe, expect, it } from 'vitest';
import { importPage } from '../scripts/importer/import-page.js';

const HEADER = 'Subcontractor\tStorage place\tMechanism allowing international data transfer\tService provided and <i>Performed task</i>';

/** A page in the seed's text format: title, one section, the header row, then `rows` (tab-separated). */
function page(...rows: string[]): string {
  return ['ACME Subprocessors', '', 'Intro paragraph.', '', 'HOSTING\t\t\t', HEADER, ...rows, ''].join('\n');
}

const options = { format: 'text' as const, controller: { name: 'ACME', country: 'FR' }, noticePeriodDays: 30 };

function importText(text: string) {
  return importPage('page.txt', text, options);
}

describe('importing the text format', () => {
  const valid: { name: string; row: string; expected: object }[] = [
    {
      name: 'a country name becomes its ISO code',
      row: 'BSO\tFrance\tNo international transfer (data hosted within the EEA)\tHosting <i>Hosting of infrastructure</i>',
      expected: {
        id: 'bso',
        service: 'Hosting',
        tasks: ['Hosting of infrastructure'],
        locations: [{ place: 'FR', mechanism: 'none', mechanismDetail: 'data hosted within the EEA' }],
      },
    },
    {
      name: '"USA" and "The Netherlands" map to US and NL',
      row: 'A\tUSA / The Netherlands\tStandard Contractual Clauses\tS <i>T</i>',
      expected: {
        locations: [
          { place: 'US', mechanism: 'scc' },
          { place: 'NL', mechanism: 'scc' },
        ],
      },
    },
    {
      name: 'regions map to region codes',
      row: 'A\tEuropean Economic Area, World and Europe\tStandard Contractual Clauses\tS <i>T</i>',
      expected: { locations: [{ place: 'EEA' }, { place: 'WORLD' }, { place: 'EUROPE' }] },
    },
    {
      name: 'places scoped to users (Klarna)',
      row: 'Klarna\tIreland (users in Europe) USA (users in Northern America)\tNo international transfer (data hosted within the EEA for European users)\tPayment <i>Payment management</i>',
      expected: {
        locations: [
          { place: 'IE', users: ['EUROPE'], mechanism: 'none' },
          { place: 'US', users: ['NORTH_AMERICA'], mechanism: 'none' },
        ],
      },
    },
    {
      name: 'an "[US Only]" prefix scopes the vendor, not its name',
      row: '[US Only] HeartBeat Health\tUSA\tNo international transfer (only for American users)\tMedical advice <i>ECG review</i>',
      expected: {
        id: 'heartbeat-health',
        name: 'HeartBeat Health',
        users: ['US'],
        locations: [{ place: 'US', mechanismDetail: 'only for American users' }],
      },
    },
    {
      name: 'several italic parts are several tasks',
      row: 'A\tGermany\tNo international transfer\tAI platform <i>First task.</i> <i>Second task</i>',
      expected: { tasks: ['First task.', 'Second task'] },
    },
    {
      name: 'text after the tasks is kept as a note',
      row: 'A\tFrance\tNo international transfer\t<i>Hosting and managed services</i> Security page',
      expected: { tasks: ['Hosting and managed services'], notes: 'The source page adds: "Security page".' },
    },
    {
      name: 'the mechanism wording is matched without regard to case',
      row: 'A\tUSA\tdata privacy framework\tS <i>T</i>',
      expected: { locations: [{ place: 'US', mechanism: 'dpf' }] },
    },
    {
      name: 'the Binding Corporate Rules wording maps to bcr',
      row: 'A\tUSA\tBinding Corporate Rules\tS <i>T</i>',
      expected: { locations: [{ mechanism: 'bcr' }] },
    },
  ];

  it.each(valid)('$name', ({ row, expected }) => {
    const result = importText(page(row));
    expect(result.diagnostics).toEqual([]);
    expect(result.subprocessors[0]?.value).toMatchObject(expected);
  });

  it('a blank service cell takes the service and task of the row above (merged cells)', () => {
    const result = importText(
      page('Google Ads\tWorld\tStandard Contractual Clauses\tMarketing <i>Ads</i>', 'Meta\tUSA\tData Privacy Framework\t'),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.subprocessors.map((s) => s.value)).toMatchObject([
      { id: 'google-ads', service: 'Marketing', tasks: ['Ads'] },
      { id: 'meta', service: 'Marketing', tasks: ['Ads'] },
    ]);
  });

  it('repeated page headers and sections spanning pages keep the rows in their section', () => {
    const text =
      page('A\tFrance\tNo international transfer\tS <i>T</i>') +
      '\nACME Subprocessors\n\nB\tFrance\tNo international transfer\tS <i>T</i>\n';
    const result = importText(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.subprocessors.map((s) => [s.value.id, s.value.category, s.line])).toEqual([
      ['a', 'hosting', 7],
      ['b', 'hosting', 11],
    ]);
    expect(result.settings).toMatchObject({
      title: 'ACME Subprocessors',
      introduction: 'Intro paragraph.',
      categories: [{ id: 'hosting', title: 'HOSTING' }],
    });
  });

  const invalid: { name: string; rows: string[]; messageId: string; line: number; column: number }[] = [
    {
      name: 'an unknown place',
      rows: ['A\tAtlantis\tNo international transfer\tS <i>T</i>'],
      messageId: 'unknown-place',
      line: 7,
      column: 3,
    },
    {
      name: 'a misspelt country',
      rows: ['A\tGermanyy\tNo international transfer\tS <i>T</i>'],
      messageId: 'unknown-place-suggest',
      line: 7,
      column: 3,
    },
    {
      name: 'the second of two places unknown',
      rows: ['A\tFrance, Narnia\tNo international transfer\tS <i>T</i>'],
      messageId: 'unknown-place',
      line: 7,
      column: 11,
    },
    {
      name: 'an unknown mechanism wording',
      rows: ['A\tUSA\tPinky promise\tS <i>T</i>'],
      messageId: 'unknown-mechanism',
      line: 7,
      column: 7,
    },
    {
      name: 'an unreadable user scope',
      rows: ['A\tUSA (mostly)\tStandard Contractual Clauses\tS <i>T</i>'],
      messageId: 'unknown-scope',
      line: 7,
      column: 8,
    },
    {
      name: 'an empty storage place',
      rows: ['A\t\tStandard Contractual Clauses\tS <i>T</i>'],
      messageId: 'empty-cell',
      line: 7,
      column: 3,
    },
    {
      name: 'a blank service with no row above',
      rows: ['A\tFrance\tNo international transfer\t'],
      messageId: 'nothing-to-inherit',
      line: 7,
      column: 36,
    },
    {
      name: 'a service without a task',
      rows: ['A\tFrance\tNo international transfer\tHosting'],
      messageId: 'no-task',
      line: 7,
      column: 36,
    },
    {
      name: 'one vendor on two rows',
      rows: ['A\tFrance\tNo international transfer\tS <i>T</i>', 'A\tUSA\tStandard Contractual Clauses\tS <i>T</i>'],
      messageId: 'duplicate-id',
      line: 8,
      column: 1,
    },
    {
      name: 'a stray fifth cell',
      rows: ['A\tFrance\tNo international transfer\tS <i>T</i>\textra'],
      messageId: 'too-many-cells',
      line: 7,
      column: 1,
    },
    { name: 'a line that is no row', rows: ['Some remark in the middle'], messageId: 'unreadable-line', line: 7, column: 1 },
  ];

  it.each(invalid)('refuses $name at its line and column', ({ rows, messageId, line, column }) => {
    const result = importText(page(...rows));
    expect(result.diagnostics.map((d) => ({ policy: d.policy, messageId: d.messageId, line: d.line, column: d.column }))).toContainEqual({
      policy: 'import',
      messageId,
      line,
      column,
    });
  });

  it('refuses a row before any header row', () => {
    const result = importText('ACME Subprocessors\n\nHOSTING\t\t\t\nA\tFrance\tNo international transfer\tS <i>T</i>\n');
    expect(result.diagnostics.map((d) => [d.messageId, d.line])).toEqual([['no-header', 4]]);
  });
});

describe('importing CSV', () => {
  const csv = (...lines: string[]) => importPage('list.csv', lines.join('\r\n'), { ...options, format: 'csv' });
  const head = 'Category,Subcontractor,Storage place,Mechanism allowing international data transfer,Service provided,Performed task';

  it('reads quoted fields with commas, quotes and line breaks; a blank category continues the one above', () => {
    const result = csv(
      head,
      'Hosting,BSO,France,No international transfer,Hosting,"Hosting of ""core"" systems, backups"',
      ',Twilio,"USA",Data Privacy Framework,Sending SMS,"2FA codes\nAlerts"',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.subprocessors.map((s) => s.value)).toMatchObject([
      { id: 'bso', category: 'hosting', tasks: ['Hosting of "core" systems, backups'] },
      {
        id: 'twilio',
        category: 'hosting',
        service: 'Sending SMS',
        tasks: ['2FA codes', 'Alerts'],
        locations: [{ place: 'US', mechanism: 'dpf' }],
      },
    ]);
    expect(result.settings?.categories).toEqual([{ id: 'hosting', title: 'Hosting' }]);
  });

  it('accepts the page column with <i> tasks', () => {
    const result = csv(
      'Category,Subcontractor,Storage place,Mechanism allowing international data transfer,Service provided and Performed task',
      'Hosting,BSO,France,No international transfer,Hosting <i>Infra</i>',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.subprocessors[0]?.value).toMatchObject({ service: 'Hosting', tasks: ['Infra'] });
  });

  it('names a missing column and the names it accepts for it', () => {
    const result = csv('Vendor,Purpose,Transfer mechanism', 'BSO,Hosting,No international transfer');
    expect(result.diagnostics.map((d) => [d.messageId, d.message, d.line])).toEqual([
      ['missing-column', 'the header row has no "Location" column', 1],
    ]);
    expect(result.diagnostics[0]?.hint).toContain('Country, Countries, Region, Data location, Hosting location, Storage place');
  });

  it('locates an unknown place on its CSV line and column', () => {
    const result = csv(head, 'Hosting,BSO,Mordor,No international transfer,Hosting,Infra');
    expect(result.diagnostics.map((d) => [d.messageId, d.line, d.column])).toEqual([['unknown-place', 2, 13]]);
  });

  it('refuses an unclosed quote', () => {
    const result = csv(head, 'Hosting,"BSO,France,No international transfer,Hosting,Infra');
    expect(result.diagnostics.map((d) => [d.messageId, d.line, d.column])).toEqual([['unclosed-quote', 2, 9]]);
  });
});
