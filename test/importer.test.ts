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
      name: 'mechanisms stated in an order become mechanisms, in that order',
      row: 'A\tUSA\tData Privacy Framework, else Standard Contractual Clauses\tS <i>T</i>',
      expected: { locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }] },
    },
    {
      name: 'the release CSV wording of a list (dpf, else scc) reads back as the list',
      row: 'A\tUSA\tdpf, else scc (certified since 2023)\tS <i>T</i>',
      expected: { locations: [{ place: 'US', mechanisms: ['dpf', 'scc'], mechanismDetail: 'certified since 2023' }] },
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

describe('importing lists laid out as processors publish them', () => {
  const list = (...lines: string[]) => importPage('list.csv', lines.join('\n'), { ...options, format: 'csv' });
  const values = (result: ReturnType<typeof list>) => result.subprocessors.map((s) => s.value);
  const located = (result: ReturnType<typeof list>) => result.diagnostics.map((d) => [d.messageId, d.line, d.column]);

  it.each([
    ['Sub-processor', 'Location', 'Transfer safeguard', 'Purpose'],
    ['SUBPROCESSOR', 'Country', 'Safeguards', 'Description'],
    [' Vendor: ', 'Countries', 'Legal basis for transfer', 'Nature of processing'],
    ['Company', 'Data location', 'Transfer basis', 'Activity'],
    ['Entity', 'Hosting location', 'Safeguard', 'Processing activities'],
    ['Provider', 'Region', 'Transfer mechanism', 'Service'],
    ['Name', 'Storage place', 'transfer-mechanism', 'PURPOSE'],
  ])('reads the header %s, %s, %s, %s', (name, place, mechanism, purpose) => {
    const result = list(
      `${name},${place},${mechanism},${purpose}`,
      'Infrastructure,,,',
      'Nimbus,Ireland,No international transfer,Hosting',
    );
    expect(result.diagnostics).toEqual([]);
    expect(values(result)).toEqual([
      {
        id: 'nimbus',
        name: 'Nimbus',
        category: 'infrastructure',
        tasks: ['Hosting'],
        locations: [{ place: 'IE', mechanism: 'none' }],
        status: 'active',
      },
    ]);
  });

  it('a purpose beside a task column is the service; two purpose columns are the service and the task', () => {
    const withTask = list('Vendor,Country,Safeguard,Service,Task', 'Postwise,USA,Data Privacy Framework,Email,Password resets');
    expect(values(withTask)[0]).toMatchObject({ service: 'Email', tasks: ['Password resets'] });
    const two = list('Vendor,Country,Safeguard,Service,Description', 'Postwise,USA,Data Privacy Framework,Email,Password resets');
    expect(values(two)[0]).toMatchObject({ service: 'Email', tasks: ['Password resets'] });
  });

  it('a list with no category, no heading and no --category goes into Subprocessors, said in a notice', () => {
    const result = list('Vendor,Country,Safeguard,Purpose', 'Nimbus,Ireland,No international transfer,Hosting');
    expect(result.diagnostics).toEqual([]);
    expect(values(result)[0]?.category).toBe('subprocessors');
    expect(result.settings?.categories).toEqual([{ id: 'subprocessors', title: 'Subprocessors' }]);
    expect(result.notices.map((d) => [d.messageId, d.severity, d.line, d.column, d.message])).toEqual([
      [
        'default-category',
        'info',
        1,
        1,
        'the file names no category (no Category column, no section heading): every subprocessor goes in "Subprocessors" (id subprocessors)',
      ],
    ]);
  });

  it('--category names the category of the rows outside any section, without a notice', () => {
    const text = ['Vendor,Country,Safeguard,Purpose', 'Nimbus,Ireland,No international transfer,Hosting'].join('\n');
    const result = importPage('list.csv', text, { ...options, format: 'csv', category: 'Cloud hosting' });
    expect(values(result)[0]?.category).toBe('cloud-hosting');
    expect(result.settings?.categories).toEqual([{ id: 'cloud-hosting', title: 'Cloud hosting' }]);
    expect(result.notices).toEqual([]);
  });

  it('refuses rows before the first heading of a list that has headings, unless --category places them', () => {
    const lines = [
      'Vendor,Country,Safeguard,Purpose',
      'Nimbus,Ireland,No international transfer,Hosting',
      'Support,,,',
      'Helpdeskly,Netherlands,No international transfer,Tickets',
    ];
    expect(located(list(...lines))).toEqual([['no-section', 2, 1]]);
    const placed = importPage('list.csv', lines.join('\n'), { ...options, format: 'csv', category: 'Hosting' });
    expect(values(placed).map((v) => [v.id, v.category])).toEqual([
      ['nimbus', 'hosting'],
      ['helpdeskly', 'support'],
    ]);
  });

  it('refuses a heading with no row under it: more likely a vendor whose cells are missing', () => {
    const result = list('Vendor,Country,Safeguard,Purpose', 'Hosting,,,', 'Nimbus,Ireland,No international transfer,Hosting', 'Zendesk,,,');
    expect(located(result)).toEqual([['empty-section', 4, 1]]);
    expect(result.diagnostics[0]?.message).toBe('the heading "Zendesk" has no subprocessor row under it');
  });

  it('takes the lines above the header row as the title and introduction, and names the columns it does not read', () => {
    const result = list(
      'Acme Sub-processors',
      'Last updated 1 March 2026',
      'Vendor,Website,Country,Safeguard,Purpose',
      'Nimbus,https://nimbus.example,Ireland,No international transfer,Hosting',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.settings).toMatchObject({ title: 'Acme Sub-processors', introduction: 'Last updated 1 March 2026' });
    expect(result.notices.map((d) => [d.messageId, d.line, d.column, d.message])).toContainEqual([
      'ignored-column',
      3,
      8,
      'the column "Website" is not read',
    ]);
  });

  it('reads a TSV export with heading rows', () => {
    const text = [
      'Sub-processor\tLocation\tTransfer safeguard\tPurpose',
      'Hosting\t\t\t',
      'Nimbus\tIrland\tNo international transfer\tHosting',
    ].join('\n');
    const result = importPage('list.tsv', text, { ...options, format: 'tsv' });
    expect(result.diagnostics).toEqual([]);
    expect(values(result)[0]).toMatchObject({ category: 'hosting', locations: [{ place: 'IE' }] });
  });

  it('reads a text page with Markdown headings and other column names', () => {
    const text = [
      'Acme Sub-processors',
      '',
      '## Hosting',
      'Vendor\tCountry\tSafeguard\tPurpose',
      'Nimbus\tAllemagne\tNo international transfer\tHosting',
      'Customer support\t\t\t',
      'Helpdeskly\tPays-Bas\tNo international transfer\tTickets',
    ].join('\n');
    const result = importPage('page.txt', text, options);
    expect(result.diagnostics).toEqual([]);
    expect(values(result).map((v) => [v.id, v.category, v.locations[0].place])).toEqual([
      ['nimbus', 'hosting', 'DE'],
      ['helpdeskly', 'customer-support', 'NL'],
    ]);
  });

  const place = (cell: string) =>
    list('Vendor,Country,Safeguard,Purpose', 'Hosting,,,', `A,"${cell}",Standard Contractual Clauses,Hosting`);

  it.each([
    ['Allemagne', ['DE']],
    ['Deutschland', ['DE']],
    ['Alemania', ['DE']],
    ['Germania', ['DE']],
    ['Duitsland', ['DE']],
    ['Niemcy', ['DE']],
    ['Tyskland', ['DE']],
    ['États-Unis', ['US']],
    ['etats unis', ['US']],
    ['Vereinigte Staaten', ['US']],
    ['USA', ['US']],
    ['U.S.', ['US']],
    ['United States of America', ['US']],
    ['UK', ['GB']],
    ['Great Britain', ['GB']],
    ['Royaume-Uni', ['GB']],
    ['Republic of Ireland', ['IE']],
    ['Holland', ['NL']],
    ['Europäischer Wirtschaftsraum', ['EEA']],
    ['Union européenne', ['EU']],
    ['Germany, France', ['DE', 'FR']],
    ['EU and US', ['EU', 'US']],
    ['Allemagne et États-Unis', ['DE', 'US']],
    ['Deutschland und Schweiz', ['DE', 'CH']],
    ['Bosnia and Herzegovina', ['BA']],
    ['Trinidad y Tobago and Canada', ['TT', 'CA']],
  ])('maps the place cell "%s" to %j', (cell, codes) => {
    const result = place(cell);
    expect(result.diagnostics).toEqual([]);
    expect(values(result)[0]?.locations.map((l) => l.place)).toEqual(codes);
  });

  it.each([
    { cell: 'Allemagnee', messageId: 'unknown-place-suggest', column: 3, hint: 'Replace it with "Allemagne" (DE).' },
    { cell: 'Frankreich, Atlantide', messageId: 'unknown-place', column: 15, hint: 'Deutschland' },
    { cell: 'Kongo', messageId: 'ambiguous-place', column: 3, hint: 'one of CD, CG' },
  ])('refuses the place cell "$cell" at its line and column', ({ cell, messageId, column, hint }) => {
    const result = place(cell);
    expect(located(result)).toEqual([[messageId, 3, column]]);
    expect(result.diagnostics[0]?.hint).toContain(hint);
    expect(result.subprocessors).toEqual([]);
  });
});

describe('the title of a text page comes before its table', () => {
  it('a lone line right after the header row is not taken for the title: it is refused as with a title above', () => {
    const header = 'Subprocessor\tLocation\tTransfer mechanism\tPurpose';
    const row = 'AWS\tGermany\tNo international transfer\tHosting';
    for (const text of [`${header}\nHosting\n${row}\n`, `Our subprocessors\n\n${header}\nHosting\n${row}\n`]) {
      const result = importText(text);
      expect(result.settings?.title).not.toBe('Hosting');
      expect(result.diagnostics.map((d) => d.messageId)).toEqual(['unreadable-line']);
    }
  });
});
