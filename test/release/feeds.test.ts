import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { ATOM_FILE, CHANGELOG_FILE, FEED_FILE, PAGE_FILE } from '../../scripts/release/artefacts.js';
import { buildRelease, type BuildInput } from '../../scripts/release/build.js';
import { carriedFeed, type JsonFeed } from '../../scripts/release/feed.js';
import { noticeText } from '../../scripts/release/publication.js';
import { ROOT } from '../helpers/run-cli.js';

const addFormats = formatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateJsonFeed = ajv.compile(
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schemas', 'jsonfeed-1.1.schema.json'), 'utf8')) as object,
);

const ATOM = 'http://www.w3.org/2005/Atom';
/** Every character a registry must not be able to speak through: markup, an entity, a CDATA end, quotes, C0 controls. */
const HOSTILE = `Evil <script>alert("x")</script> & Co ]]> 'quoted' \u0001\u0007\u001b end`;

function parseXml(text: string, mimeType: 'text/xml' | 'text/html' = 'text/xml'): Document {
  // Warnings and errors fail the test too: xmldom recovers from some of them, a feed reader may not.
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, mimeType);
}

const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ATOM,
  );
const one = (parent: Element, name: string): Element => {
  const found = children(parent, name);
  expect(found, `exactly one atom:${name} in atom:${parent.localName}`).toHaveLength(1);
  return found[0] as Element;
};
const isIri = (text: string) => URL.canParse(text);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** RFC 4287's required elements, for the feed (4.1.1) and each entry (4.1.2); returns the root. */
function checkAtom(xml: string): Element {
  // XML 1.0's Char production (2.2); xmldom does not refuse the rest, a stricter reader would refuse the whole feed.
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('no root element');
  expect(root.localName).toBe('feed');
  expect(root.namespaceURI).toBe(ATOM);
  expect(isIri(one(root, 'id').textContent ?? '')).toBe(true);
  one(root, 'title');
  expect(one(root, 'updated').textContent).toMatch(RFC3339);
  const feedAuthor = children(root, 'author').length > 0;
  for (const author of children(root, 'author')) expect(one(author, 'name').textContent).not.toBe('');
  for (const entry of children(root, 'entry')) {
    expect(isIri(one(entry, 'id').textContent ?? '')).toBe(true);
    one(entry, 'title');
    expect(one(entry, 'updated').textContent).toMatch(RFC3339);
    if (!feedAuthor) one(entry, 'author');
    const alternate = children(entry, 'link').filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    expect(children(entry, 'content').length + alternate.length).toBeGreaterThan(0);
  }
  return root;
}

const SETTINGS: RegistrySettings = {
  controller: { name: 'Acme & <Sons>', country: 'DE', contact: 'privacy@acme.example' },
  noticePeriodDays: 30,
  categories: [{ id: 'hosting', title: 'Hosting' }],
};

const vendor = (id: string, name: string): Subprocessor => ({
  id,
  name,
  category: 'hosting',
  tasks: ['Hosts the service'],
  locations: [{ place: 'DE' }],
  status: 'active',
});

const COMMIT = 'c'.repeat(40);

function build(input: Partial<BuildInput> & Pick<BuildInput, 'releasedAt'>) {
  const result = buildRelease({
    settings: SETTINGS,
    subprocessors: [vendor('host', 'Host GmbH')],
    commit: COMMIT,
    reissue: false,
    repositoryUrl: 'https://github.com/acme/subprocessors',
    ...input,
  });
  if (!result.built) throw new Error('expected a release');
  const file = (name: typeof ATOM_FILE | typeof FEED_FILE | typeof CHANGELOG_FILE) => result.files.get(name)?.toString('utf8') ?? '';
  const feed = JSON.parse(file(FEED_FILE)) as JsonFeed;
  return { doc: result.doc, kind: result.kind, feed, atom: file(ATOM_FILE), changelog: file(CHANGELOG_FILE) };
}

const v1 = build({ releasedAt: new Date('2026-11-01T10:00:00Z') });
const v2 = build({
  releasedAt: new Date('2026-12-01T10:00:00Z'),
  subprocessors: [vendor('host', 'Host GmbH'), vendor('evil', HOSTILE)],
  previous: { doc: v1.doc, feed: v1.feed },
});

describe('feed.json, JSON Feed 1.1', () => {
  it('validates against the published JSON Feed 1.1 schema, in every release', () => {
    for (const { feed } of [v1, v2]) expect(validateJsonFeed(feed), ajv.errorsText(validateJsonFeed.errors)).toBe(true);
  });

  it('links the page, names the controller as author with the contact, and gives each item the page and the release', () => {
    expect(v2.feed.home_page_url).toBe('https://acme.github.io/subprocessors/');
    expect(v2.feed.authors).toEqual([{ name: 'Acme & <Sons>', url: 'mailto:privacy@acme.example' }]);
    expect(v2.feed.items[0]).toMatchObject({
      id: 'v1.1.0',
      url: 'https://acme.github.io/subprocessors/#v1.1.0',
      external_url: 'https://github.com/acme/subprocessors/releases/tag/v1.1.0',
    });
  });

  it('carries the change notes as plain text and as escaped HTML, ending with how to object', () => {
    const [item] = v2.feed.items;
    expect(item?.content_text).toContain(`Changes that need customer notice:\n- Added ${HOSTILE} (`);
    expect(item?.content_text.endsWith(noticeText(SETTINGS))).toBe(true);
    expect(item?.content_text).toContain('privacy@acme.example');
    const html = parseXml(`<div>${item?.content_html ?? ''}</div>`, 'text/html');
    expect(html.getElementsByTagName('script')).toHaveLength(0);
    expect(html.documentElement?.textContent).toContain(`Added ${HOSTILE} (`);
  });

  it('shows no HTML without a page address: home_page_url is omitted and items link their GitHub release', () => {
    const bare = build({ releasedAt: new Date('2026-11-01T10:00:00Z'), repositoryUrl: 'https://git.example/acme/list' });
    expect(bare.feed.home_page_url).toBeUndefined();
    expect(validateJsonFeed(bare.feed), ajv.errorsText(validateJsonFeed.errors)).toBe(true);
  });
});

describe('feed.xml, Atom 1.0', () => {
  it('has the elements RFC 4287 requires of a feed and of each entry, and agrees with feed.json', () => {
    for (const { atom, feed } of [v1, v2]) {
      const root = checkAtom(atom);
      const entries = children(root, 'entry');
      expect(entries.map((e) => one(e, 'title').textContent)).toEqual(feed.items.map((i) => i.title));
      expect(one(root, 'id').textContent).toBe('https://acme.github.io/subprocessors/');
      expect(one(root, 'updated').textContent).toBe(feed.items[0]?.date_published);
    }
    const root = checkAtom(v2.atom);
    const self = children(root, 'link').find((l) => l.getAttribute('rel') === 'self');
    expect(self?.getAttribute('href')).toBe('https://github.com/acme/subprocessors/releases/latest/download/feed.xml');
    expect(one(one(root, 'author'), 'email').textContent).toBe('privacy@acme.example');
    expect(one(one(root, 'author'), 'name').textContent).toBe('Acme & <Sons>');
    const [entry] = children(root, 'entry');
    expect(one(entry as Element, 'id').textContent).toBe('https://acme.github.io/subprocessors/#v1.1.0');
  });

  it('holds hostile registry text as text: the HTML content, once unescaped, shows <script> literally and runs nothing', () => {
    const [entry] = children(checkAtom(v2.atom), 'entry');
    const content = one(entry as Element, 'content');
    expect(content.getAttribute('type')).toBe('html');
    const html = content.textContent ?? '';
    expect(html).toContain('&lt;script&gt;');
    const page = parseXml(`<div>${html}</div>`, 'text/html');
    expect(page.getElementsByTagName('script')).toHaveLength(0);
    // XML 1.0 has no place for C0 controls, even as references: they are dropped, and everything else is kept.
    expect(page.documentElement?.textContent).toContain(`Added Evil <script>alert("x")</script> & Co ]]> 'quoted'  end (`);
  });

  it('has a stable urn:uuid id when no page address is known, the same in every release', () => {
    const noPage = { repositoryUrl: 'https://git.example/acme/list' } as const;
    const a = build({ ...noPage, releasedAt: new Date('2026-11-01T10:00:00Z') });
    const b = build({
      ...noPage,
      releasedAt: new Date('2026-12-01T10:00:00Z'),
      subprocessors: [vendor('host', 'Host GmbH'), vendor('other', 'Other')],
      previous: { doc: a.doc, feed: a.feed },
    });
    const ids = [a, b].map(({ atom }) => one(checkAtom(atom), 'id').textContent ?? '');
    expect(ids[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    const root = checkAtom(b.atom);
    expect(children(root, 'link').filter((l) => l.getAttribute('rel') === 'alternate')).toHaveLength(0);
    const entryIds = children(root, 'entry').map((e) => one(e, 'id').textContent);
    expect(new Set(entryIds).size).toBe(2);
  });
});

describe('a feed across releases', () => {
  it('an unchanged re-issue adds no entry: both feeds carry the previous items as they were', () => {
    const reissued = build({
      releasedAt: new Date('2027-01-15T10:00:00Z'),
      subprocessors: [vendor('host', 'Host GmbH'), vendor('evil', HOSTILE)],
      reissue: true,
      previous: { doc: v2.doc, feed: v2.feed },
    });
    expect(reissued.kind).toBe('reissue');
    expect(reissued.doc.version).toBe('1.1.1');
    expect(reissued.feed.items).toEqual(v2.feed.items);
    const root = checkAtom(reissued.atom);
    expect(children(root, 'entry')).toHaveLength(2);
    expect(one(root, 'updated').textContent).toBe('2026-12-01T10:00:00Z');
    // The changelog of the re-issue still says what it is and how to object.
    expect(reissued.changelog).toContain('Re-issued unchanged, with a new expiry date.');
  });

  it('accepts and carries a previous feed whose items have Markdown text and no HTML, shown as text in Atom', () => {
    const old: JsonFeed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Acme subprocessors',
      description: 'Changes.',
      items: [
        {
          id: 'v1.0.0',
          title: 'Acme subprocessors 1.0.0',
          content_text: '# 1.0.0 (2026-11-01)\n\n- Added Vendor <b>\\*x\\*</b>.\n',
          date_published: '2026-11-01T10:00:00Z',
        },
      ],
    };
    const next = build({
      releasedAt: new Date('2026-12-01T10:00:00Z'),
      subprocessors: [vendor('host', 'Host GmbH'), vendor('other', 'Other')],
      previous: { doc: v1.doc, feed: old },
    });
    expect(next.feed.items.map((i) => i.id)).toEqual(['v1.1.0', 'v1.0.0']);
    expect(next.feed.items[1]).toEqual(old.items[0]);
    expect(validateJsonFeed(next.feed), ajv.errorsText(validateJsonFeed.errors)).toBe(true);
    const [, carried] = children(checkAtom(next.atom), 'entry');
    const content = one(carried as Element, 'content');
    expect(content.getAttribute('type')).toBe('text');
    expect(content.textContent).toBe(old.items[0]?.content_text);
  });

  it('the changelog ends with how to object, the contact a link that copies as written', () => {
    const notice = v2.changelog.trimEnd().split('\n').at(-1);
    expect(notice).toBe(
      'Acme & &lt;Sons&gt; announces a new subprocessor, or a new place where one processes personal data, at least 30 days before it starts. Questions and objections: <privacy@acme.example>.',
    );
    expect(v2.feed.items[0]?.content_html).toContain(
      'Questions and objections: <a href="mailto:privacy@acme.example">privacy@acme.example</a>.</p>',
    );
  });

  it('a contact that could carry markup stays text in every format', () => {
    const contact = '"<img src=x onerror=alert(1)>"@evil.example';
    const hostile = build({
      releasedAt: new Date('2026-11-01T10:00:00Z'),
      settings: { ...SETTINGS, controller: { ...SETTINGS.controller, contact } },
    });
    const notice = hostile.changelog.trimEnd().split('\n').at(-1) ?? '';
    expect(notice).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(notice).not.toContain('<img');
    const html = parseXml(`<div>${hostile.feed.items[0]?.content_html ?? ''}</div>`, 'text/html');
    expect(html.getElementsByTagName('img')).toHaveLength(0);
    const [link] = Array.from(html.getElementsByTagName('a'));
    expect(link?.getAttribute('href')).toBe(`mailto:${contact}`);
    expect(link?.textContent).toBe(contact);
    checkAtom(hostile.atom);
  });
});

describe('a previous feed.json is unsigned: what the next release carries from it is rebuilt from its text', () => {
  const hostile = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Acme subprocessors',
    items: [
      {
        id: 'v0.5.0',
        title: 'T <script>alert(1)</script> \u0000nul \u0007bel \u2028ls \u202e',
        content_text: 'Added X \u0001 \ufffe\nsecond line\n\nnext paragraph',
        content_html: '<p>H</p><script>alert(2)</script><img src=x onerror=alert(3)>',
        date_published: '2026-11-01T00:00:00Z',
        url: 'javascript:alert(4)',
        external_url: 'https://github.com/acme/list/releases/tag/v1.1.0',
      },
      { id: 'v1.0.0"><b>', title: 'bad id', content_text: 'x', date_published: '2026-10-01T00:00:00Z' },
      { id: 'v0.9.0', title: 'bad date', content_text: 'x', date_published: 'yesterday"><b>' },
    ],
  };

  it('drops hidden characters, rebuilds the HTML from the escaped text, keeps only web links and subproc ids', () => {
    const carried = carriedFeed(hostile);
    expect(carried?.dropped).toEqual([
      { index: 1, reason: 'its id "v1.0.0\\"><b>" is not a release version such as v1.2.3' },
      { index: 2, reason: 'its "date_published" "yesterday\\"><b>" is not a date' },
    ]);
    const [item] = carried?.feed.items ?? [];
    expect(item).toEqual({
      id: 'v0.5.0',
      title: 'T <script>alert(1)</script> nul bel ls ',
      content_text: 'Added X  \nsecond line\n\nnext paragraph',
      content_html: '<p>Added X  <br>second line</p>\n<p>next paragraph</p>',
      date_published: '2026-11-01T00:00:00Z',
      external_url: 'https://github.com/acme/list/releases/tag/v1.1.0',
    });
  });

  it('so the next release’s feeds and page hold none of it', () => {
    const previousFeed = carriedFeed(hostile)?.feed;
    const built = buildRelease({
      settings: SETTINGS,
      subprocessors: [vendor('host', 'Host GmbH'), vendor('more', 'More AG')],
      commit: COMMIT,
      reissue: false,
      releasedAt: new Date('2026-12-01T10:00:00Z'),
      previous: { doc: v1.doc, ...(previousFeed ? { feed: previousFeed } : {}) },
    });
    expect(built.built).toBe(true);
    if (!built.built) return;
    for (const name of [FEED_FILE, ATOM_FILE, PAGE_FILE] as const) {
      const text = built.files.get(name)?.toString('utf8') ?? '';
      expect(text, name).toContain('next paragraph');
      // Built from code points, so that the pattern itself holds no control character.
      const hidden = new RegExp(`[${[0, 1, 7, 0x2028, 0x202e, 0xfffe].map((c) => String.fromCharCode(c)).join('')}]`);
      expect(text, name).not.toMatch(hidden);
      expect(text, name).not.toMatch(/<script>alert\(2\)|onerror=alert|javascript:/);
    }
  });
});
