import { describe, expect, it } from 'vitest';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { shippedLaws } from '../../scripts/pipeline/shipped.js';
import { PAGE_FILE, renderArtefacts, type BuiltRelease } from '../../scripts/release/artefacts.js';
import { nextFeed } from '../../scripts/release/feed.js';
import { escapeHtml, safeHref } from '../../scripts/release/html-text.js';
import { renderPage } from '../../scripts/release/html-page.js';
import { buildReleaseDocument } from '../../scripts/release/release-doc.js';

const HOSTILE_NAME = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';

const settings: RegistrySettings = {
  title: 'Example <b>subprocessors</b>',
  introduction: 'We use these & no others.',
  controller: { name: 'Example', country: 'FR', contact: 'privacy@example.com' },
  noticePeriodDays: 30,
  categories: [
    { id: 'hosting', title: 'HOSTING' },
    { id: 'support', title: 'CUSTOMER <i>SUPPORT</i>' },
  ],
};

const vendors: Subprocessor[] = [
  {
    id: 'aws',
    name: 'Amazon Web Services',
    category: 'hosting',
    service: 'Hosting',
    tasks: ['Runs the servers'],
    locations: [
      { place: 'IE', users: ['EUROPE'], mechanism: 'none' },
      { place: 'US', users: ['NORTH_AMERICA'], mechanisms: ['dpf', 'scc'] },
    ],
    status: 'active',
  },
  {
    id: 'evil',
    name: HOSTILE_NAME,
    category: 'support',
    tasks: [BREAKOUT],
    notes: 'javascript:alert(1)',
    locations: [{ place: 'US', mechanism: 'scc' }],
    status: 'active',
    links: { website: 'javascript:alert(document.cookie)', dpa: 'https://example.com/dpa?a=1&b="2"' },
  },
  {
    id: 'helpdesk',
    name: 'Helpdesk',
    category: 'support',
    tasks: ['Answers tickets'],
    users: ['NORTH_AMERICA'],
    locations: [{ place: 'CA', mechanism: 'adequacy' }],
    status: 'active',
    since: '2027-01-15',
  },
  {
    id: 'mailer',
    name: 'Mailer',
    category: 'support',
    tasks: ['Sends mail'],
    locations: [{ place: 'DE', mechanism: 'none' }],
    status: 'retired',
    retired: { on: '2027-03-31', reason: 'Replaced.' },
  },
  {
    id: 'oldcrm',
    name: 'Old CRM',
    category: 'support',
    tasks: ['Kept customers'],
    locations: [{ place: 'FR', mechanism: 'none' }],
    status: 'retired',
    retired: { on: '2025-06-30', reason: 'The contract ended.' },
  },
];

function built(over: Partial<RegistrySettings> = {}, pageUrl?: string, subprocessors: Subprocessor[] = vendors): BuiltRelease {
  const s = { ...settings, ...over };
  const doc = buildReleaseDocument({
    settings: s,
    subprocessors,
    version: '1.2.0',
    releasedAt: new Date('2026-11-23T10:00:00Z'),
    commit: 'a'.repeat(40),
    laws: shippedLaws(),
  });
  const feed = nextFeed(undefined, doc, {
    title: '1.2.0 (2026-11-23)',
    blocks: [
      { kind: 'list', heading: 'Added', lines: ['<b>Helpdesk</b> & more'] },
      { kind: 'list', heading: 'Retired', lines: ['Old CRM'] },
    ],
  });
  return { doc, changelog: '', feed, settings: s, ...(pageUrl ? { pageUrl } : {}) };
}

describe('html-text', () => {
  it('escapes text for element content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('lets only absolute http(s) and mailto addresses become links', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('mailto:privacy@example.com')).toBe('mailto:privacy@example.com');
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      '/relative',
      '//evil.example',
      'vbscript:x',
    ])
      expect(safeHref(bad), bad).toBeUndefined();
  });
});

describe('the public page (index.html)', () => {
  const page = renderPage(built());

  it('leaves no registry text able to run or break out of its element', () => {
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<i>');
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // The hostile website is shown as text; the real one is a link, its query escaped in the attribute.
    expect(page).toContain('<a href="https://example.com/dpa?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">');
    expect(page).not.toContain('>Website</a>');
    expect(page).toContain('Example &lt;b&gt;subprocessors&lt;/b&gt;');
  });

  it('lists every vendor that is not retired in its category, in the categories order, and the retired ones apart', () => {
    const all = page.slice(page.indexOf('<section id="all"'), page.indexOf('<section aria-labelledby="upcoming"'));
    for (const id of ['aws', 'evil', 'helpdesk', 'mailer']) expect(all).toContain(`<tr id="vendor-${id}">`);
    expect(all).not.toContain('vendor-oldcrm');
    expect(all.indexOf('HOSTING')).toBeLessThan(all.indexOf('CUSTOMER &lt;i&gt;SUPPORT&lt;/i&gt;'));
    expect(all).toContain('data-listed="4"');
    expect(all).toContain(
      '3 subprocessors process personal data on <time datetime="2026-11-23">2026-11-23</time>, and 1 more starts later.',
    );
    const retired = page.slice(page.indexOf('<section aria-labelledby="retired"'));
    expect(retired).toContain('<th scope="row">Old CRM</th><td data-label="Retired on"><time datetime="2025-06-30">2025-06-30</time></td>');
  });

  it('says places and mechanisms in words, with the legal reference from the law data', () => {
    expect(page).toContain('Ireland (users in Europe)');
    expect(page).toContain('United States of America (users in North America)');
    expect(page).toContain(
      'EU-US Data Privacy Framework (EU GDPR Art. 45(3), Decision (EU) 2023/1795), else Standard Contractual Clauses (EU GDPR Art. 46(2)(c), Decision (EU) 2021/914)',
    );
    expect(page).toContain('adequacy decision (EU GDPR Art. 45(3))');
    expect(page).toContain('Only for users in North America');
  });

  it('dates upcoming starts and retirements with <time>', () => {
    const upcoming = page.slice(
      page.indexOf('<section aria-labelledby="upcoming"'),
      page.indexOf('</section>', page.indexOf('id="upcoming"')),
    );
    expect(upcoming).toContain('<li>Helpdesk starts on <time datetime="2027-01-15">2027-01-15</time></li>');
    expect(upcoming).toContain('<li>Mailer retires on <time datetime="2027-03-31">2027-03-31</time></li>');
    expect(upcoming.indexOf('Helpdesk')).toBeLessThan(upcoming.indexOf('Mailer'));
  });

  it('has a section per user region, listing who processes those users data and where', () => {
    expect(page).toContain('<li><a href="#users-EUROPE">Users in Europe</a></li>');
    expect(page).toContain('<li><a href="#users-NORTH_AMERICA">Users in North America</a></li>');
    const section = (region: string) => {
      const start = page.indexOf(`<section id="users-${region}"`);
      return page.slice(start, page.indexOf('</section>', start));
    };
    const europe = section('EUROPE');
    expect(europe).toContain('EUROPE-vendor-aws');
    expect(europe).toContain('EUROPE-vendor-evil');
    expect(europe).not.toContain('helpdesk');
    expect(europe).toContain('Ireland (users in Europe)');
    expect(europe).not.toContain('United States of America (users in North America)');
    const america = section('NORTH_AMERICA');
    expect(america).toContain('NORTH_AMERICA-vendor-helpdesk');
    expect(america).toContain('United States of America (users in North America)');
    expect(america).not.toContain('Ireland');
  });

  it('shows recent changes as text, the contact with how to object, and links the files beside it', () => {
    expect(page).toContain('<article id="v1.2.0">');
    expect(page).toContain('<p class="changes">Added:\n- &lt;b&gt;Helpdesk&lt;/b&gt; &amp; more\n\nRetired:\n- Old CRM</p>');
    expect(page).toContain('<a href="mailto:privacy@example.com" rel="noopener noreferrer">privacy@example.com</a>');
    expect(page).toContain('Questions and objections: privacy@example.com.');
    for (const file of ['subprocessors.json', 'subprocessors.json.minisig', 'feed.xml', 'feed.json', 'subprocessors.csv', 'SHA256SUMS'])
      expect(page).toContain(`<a href="${file}">`);
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" href="feed.xml"');
    expect(page).toContain('<link rel="alternate" type="application/feed+json" href="feed.json"');
    expect(page).toContain('valid until <time datetime="2027-02-21">2027-02-21</time>');
  });

  it('makes no request of its own: no script, no external address in any src or stylesheet, a CSP that forbids them', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(page).not.toMatch(/<[^>]*\ssrc=/);
    expect(page).not.toMatch(/url\(|@import/);
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<body>\n<a class="skip" href="#main">/);
  });

  it('has a canonical link only when the page address is known and a web address', () => {
    expect(page).not.toContain('rel="canonical"');
    expect(renderPage(built({}, 'https://example.github.io/list/'))).toContain(
      '<link rel="canonical" href="https://example.github.io/list/">',
    );
    expect(renderPage(built({}, 'javascript:alert(1)'))).not.toContain('rel="canonical"');
  });

  it('links a web contact as it is, and a hostile contact not at all', () => {
    const web = renderPage(built({ controller: { ...settings.controller, contact: 'https://example.com/privacy' } }));
    expect(web).toContain('<a href="https://example.com/privacy" rel="noopener noreferrer">https://example.com/privacy</a>');
    const hostile = renderPage(built({ controller: { ...settings.controller, contact: 'javascript:alert(1)' } }));
    expect(hostile).not.toMatch(/href="javascript:/i);
  });

  it('is byte-identical when built again from the same input', () => {
    const first = renderArtefacts(built()).get(PAGE_FILE);
    const second = renderArtefacts(built()).get(PAGE_FILE);
    expect(first).toBeDefined();
    expect(second?.equals(first ?? Buffer.alloc(0))).toBe(true);
    expect(first?.toString('utf8')).toBe(page);
  });
});

describe('the public page: data categories, subjects and scopes', () => {
  const scopes: RegistrySettings['scopes'] = [
    { id: 'ai-features', kind: 'feature', title: 'AI <features>' },
    { id: 'eu-cloud', kind: 'residency', title: 'EU cloud' },
    { id: 'us-cloud', kind: 'residency', title: 'US cloud' },
  ];
  const scopedVendors: Subprocessor[] = [
    {
      id: 'cloud',
      name: 'Cloud',
      category: 'hosting',
      tasks: ['Hosts the data'],
      dataCategories: ['identifying', 'health'],
      dataSubjects: ['end-users', 'customers'],
      locations: [
        { place: 'DE', mechanism: 'none', when: { residency: ['eu-cloud'] } },
        { place: 'US', mechanisms: ['dpf', 'scc'], when: { residency: ['us-cloud'] }, dataCategories: ['contact'] },
      ],
      status: 'active',
    },
    {
      id: 'llm',
      name: 'Language model',
      category: 'support',
      tasks: ['Drafts answers'],
      when: { feature: ['ai-features'], residency: ['us-cloud'] },
      locations: [{ place: 'US', mechanism: 'scc' }],
      status: 'active',
    },
    {
      id: 'records',
      name: 'Records',
      category: 'support',
      tasks: ['Background checks'],
      dataCategories: ['criminal-convictions'],
      locations: [{ place: 'FR', mechanism: 'none' }],
      status: 'active',
    },
  ];
  const page = renderPage(built({ scopes }, undefined, scopedVendors));
  const section = (id: string) => {
    const start = page.indexOf(`<section id="${id}"`);
    expect(start, id).toBeGreaterThan(-1);
    return page.slice(start, page.indexOf('</section>', start));
  };

  it('names the data categories in words, the special ones with their article, and whose data it is', () => {
    const row = page.slice(page.indexOf('<tr id="vendor-cloud">'), page.indexOf('</tr>', page.indexOf('<tr id="vendor-cloud">')));
    expect(row).toContain('<p class="data">Data: Identifying data, Health data (special category, GDPR Art. 9)</p>');
    expect(row).toContain('<p class="data">Data in United States of America: Contact data</p>');
    expect(row).toContain('<p class="data">About: End users, customers</p>');
    expect(page).toContain('Data: Criminal convictions and offences (GDPR Art. 10)');
    const llm = page.slice(page.indexOf('<tr id="vendor-llm">'), page.indexOf('</tr>', page.indexOf('<tr id="vendor-llm">')));
    expect(llm).not.toContain('class="data"');
  });

  it('says a scope in words, for a vendor and for a place, with the declared title escaped', () => {
    expect(page).toContain('<span class="note">Only with AI &lt;features&gt;, in US cloud</span>');
    expect(page).not.toContain('AI <features>');
    expect(page).toContain('Germany, only in EU cloud<br>United States of America, only in US cloud');
  });

  it('has a view per residency and per feature, in the navigation, listing only what applies there', () => {
    expect(page).toContain('<li><a href="#scope-eu-cloud">In EU cloud</a></li>');
    expect(page).toContain('<li><a href="#scope-ai-features">With AI &lt;features&gt;</a></li>');
    const eu = section('scope-eu-cloud');
    expect(eu).toContain('<h2 id="scope-eu-cloud-heading">Subprocessors in EU cloud</h2>');
    expect(eu).toContain('2 of 3 subprocessors process personal data in EU cloud');
    expect(eu).toContain('<tr id="scope-eu-cloud-vendor-cloud">');
    expect(eu).toContain('<tr id="scope-eu-cloud-vendor-records">');
    expect(eu).not.toContain('vendor-llm');
    expect(eu).toContain('Germany, only in EU cloud');
    expect(eu).not.toContain('United States of America');
    const us = section('scope-us-cloud');
    for (const id of ['cloud', 'llm', 'records']) expect(us).toContain(`<tr id="scope-us-cloud-vendor-${id}">`);
    expect(us).not.toContain('Germany');
    const ai = section('scope-ai-features');
    expect(ai).toContain('3 of 3 subprocessors');
    // Ids stay unique across the views.
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
