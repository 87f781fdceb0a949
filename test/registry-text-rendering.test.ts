// Issue 12, point 2: registry text (a fork's, in a pull request) shapes nothing in what the bot posts with the
// repository's write token, nor in what a release publishes. Every output is rendered by cmark-gfm, GitHub's own
// Markdown engine, and judged on the HTML: every section visible, no link, image, mention, tag or formatting that
// registry text made, and the hostile text shown as the text it is.
import { afterAll, describe, expect, it } from 'vitest';
import { template as dangerComment } from 'danger/distribution/runner/templates/githubIssueTemplate.js';
import type { Violation } from 'danger/distribution/dsl/Violation.js';
import { markdownText } from '../scripts/diagnostics/markdown-text.js';
import { blobLinks } from '../scripts/format/links.js';
import { formatMarkdown } from '../scripts/format/markdown.js';
import { markdownLink } from '../scripts/format/text.js';
import type { Release } from '../scripts/generated/release.js';
import type { RegistrySettings } from '../scripts/generated/registry.js';
import type { Subprocessor } from '../scripts/generated/subprocessor.js';
import { reviewPullRequest } from '../scripts/pipeline/review.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { buildRelease } from '../scripts/release/build.js';
import { renderMarkdown } from '../scripts/release/render-list.js';
import { gitRepo } from './helpers/git-repo.js';
import { headings, renderGfm, tags, visibleText } from './helpers/gfm.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

/** The names of issue 12's reproduction, and what else GitHub would act on. */
const HOSTILE_NAMES = [
  '<!-- Acme Analytics',
  'Acme @privacy-team',
  '[x](https://evil.example)',
  '![i](https://evil.example/p.png)',
  '`code` Corp',
  '**bold** Ltd',
  '| pipe Inc',
  '</details> GmbH',
  '<script>alert(1)</script> SA',
  '_under_ ~strike~ ~~gone~~ $x^2$',
  'https://evil.example/login and www.evil.example',
  'sales@evil.example',
  'Fix #12 and GH-7 in org/repo#3',
  '# Heading #',
  '- item',
  '1. First',
  '> quote -->',
  'AT&amp;T &#64;team',
];

/** What the rendered text shows for a hostile string: line breaks as <br> (a new line), nothing else changed. */
const shown = (text: string) => text.replace(/\r\n|\r/g, '\n');
/** The zero-width space the escaping puts after @ and before reference numbers is invisible: ignored when comparing. */
const seen = (html: string) => visibleText(html).replace(/\u200b/g, '');

/** Elements that registry text must never produce. */
const FORBIDDEN = ['a', 'img', 'code', 'pre', 'em', 'strong', 'del', 'script', 'details', 'input', 'blockquote', 'ol', 'math'];

/** GitHub's @mention, #123 and GH-123 references in visible text: `@`, `#` or `GH-` directly followed by a name or number. */
function references(html: string): string[] {
  return [...visibleText(html).matchAll(/(?:^|[^\w`])(@[a-z0-9][\w-]*|#\d+|\bGH-\d+)/gi)].map((m) => m[1] ?? '');
}

/** The text of every code span. */
const codeSpans = (html: string) => [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => visibleText(m[1] ?? ''));

/**
 * The comment's own <details> (findings already on the base, folded) open and close in pairs, each with its own
 * summary, whatever a name like "</details>" says; its code spans are its own words (the base it compared with, the
 * settings file), never registry text.
 */
function expectOwnDetailsAndCode(html: string) {
  const details = tags(html, 'details').length;
  expect(html.split('</details>').length - 1).toBe(details);
  const summaries = [...html.matchAll(/<details>\s*<summary>([\s\S]*?)<\/summary>/g)].map((m) => m[1] ?? '');
  expect(summaries).toHaveLength(details);
  for (const summary of summaries) expect(summary).toMatch(/^\d+ findings? already on the base/);
  for (const code of codeSpans(html)) expect(['HEAD~1', 'registry.yaml', 'policies:']).toContain(code);
}

function expectOnlyText(html: string, original: string, where: string) {
  for (const name of FORBIDDEN) expect(tags(html, name), `${where}: <${name}> from ${JSON.stringify(original)}`).toEqual([]);
  expect(html, where).not.toContain('<!--');
  expect(references(html), where).toEqual([]);
}

describe('markdownText: registry text is shown as text, in every place it enters Markdown', () => {
  const cases = [
    ...HOSTILE_NAMES,
    '@org/team and @user',
    'mailto:a@b.example',
    '+ plus',
    '* star',
    '3) third',
    '    indented code',
    '\tindented by a tab',
    '```fence',
    '~~~fence',
    '---',
    '***',
    '___',
    'line\r# heading after a lone CR',
    'two\nlines',
    'crlf\r\nline',
    'back\\slash and trailing\\',
    '[ ] task box and [^1] footnote',
    '<https://evil.example> and <br>',
    '$$\\sum$$',
    '&copy; &#x41; &lt;b&gt;',
    'NORTH_AMERICA snake_case_name _lead trail_',
    'HEAD~1 and x|y',
    ':warning: emoji',
  ];

  /** Where the list, the comment and the changelog put registry text, and how to find it again in the HTML. */
  const contexts = [
    { where: 'list item', markdown: (t: string) => `- ${t}\n`, element: 'li', count: 1 },
    { where: 'table cell', markdown: (t: string) => `| Name | After |\n| --- | --- |\n| ${t} | end |\n`, element: 'td', count: 2 },
    { where: 'heading', markdown: (t: string) => `## ${t}\n`, element: 'h2', count: 1 },
    { where: 'emphasised task', markdown: (t: string) => `| Task |\n| --- |\n| _${t}_ |\n`, element: 'em', count: 1 },
  ];

  it.each(cases)('%j in a list item, a table cell, a heading and an emphasised task', (text) => {
    const escaped = markdownText(text);
    for (const { where, markdown, element, count } of contexts) {
      const html = renderGfm(markdown(escaped));
      // Exactly one element holds the text (the release list's task is one <em>), and it holds all of it.
      const held = [...html.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, 'g'))].map((m) => m[1] ?? '');
      expect(held, `${where}: ${html}`).toHaveLength(count);
      const inner = held[0] ?? '';
      expectOnlyText(inner, text, where);
      expect(seen(inner).trim(), where).toBe(shown(text).trim());
      if (where === 'table cell') expect(held[1], where).toBe('end');
    }
  });

  it('leaves plain names alone, so the shipped registry reads as before', () => {
    for (const name of ['Google - Vertex AI', 'Amazon Web Services (AWS)', 'Klarna', 'Withings S.A.', 'NORTH_AMERICA', 'R&D Ltd'])
      expect(markdownText(name)).toBe(name);
  });

  it('a link keeps its text escaped and its destination whole; a location no code span can hold is escaped text', () => {
    expect(markdownLink('a)b.yaml:1', 'https://example.com/blob/x/a)b.yaml')).toBe('[a)b.yaml:1](https://example.com/blob/x/a%29b.yaml)');
    expect(markdownLink('registry/subprocessors/acme.yaml:3:5', undefined)).toBe('`registry/subprocessors/acme.yaml:3:5`');
    for (const path of ['registry/`x`.yaml:1:1', 'registry/a|b.yaml:1:1', '']) {
      const html = renderGfm(`| ${markdownLink(path, undefined)} | end |\n| --- | --- |\n`);
      expect(tags(html, 'th')).toHaveLength(2);
      expect(seen(html)).toContain(path);
    }
  });
});

/** A registry whose pull request adds one vendor per hostile name, and retires one with a hostile reason. */
function hostileRegistry() {
  const settings = settingsYaml();
  const base = {
    'registry/registry.yaml': settings,
    'registry/subprocessors/old-host.yaml': vendorYaml('old-host', { name: 'Old Host' }),
  };
  const head: Record<string, string> = {
    'registry/subprocessors/old-host.yaml': vendorYaml('old-host', {
      name: 'Old Host',
      retired: { on: '2026-11-01', reason: JSON.stringify('[click](https://evil.example) @privacy-team <!-- hidden') },
    }),
  };
  HOSTILE_NAMES.forEach((name, i) => {
    const id = `hostile-${String(i + 1)}`;
    head[`registry/subprocessors/${id}.yaml`] = vendorYaml(id, {
      name: JSON.stringify(name),
      locations: [{ place: 'US' }],
      since: '2027-06-01',
    });
  });
  return { base, head };
}

describe('the pull-request comment Danger posts, and the job summary, with hostile vendor names', () => {
  const { base, head } = hostileRegistry();
  const repo = gitRepo(base);
  repo.commit(head, 'hostile names');
  afterAll(repo.cleanup);
  const LINKS = 'https://github.com/acme/registry/blob/abc123/';
  const review = reviewPullRequest({
    cwd: repo.dir,
    base: 'HEAD~1',
    head: 'HEAD',
    today: '2026-11-23',
    links: blobLinks(LINKS),
    changedLines: () => Promise.resolve(new Set<number>()),
    setup: shippedSetup(),
  });

  it('Danger’s whole comment: every section visible, nothing but the repository’s links, the names as text', async () => {
    const result = await review;
    const violation = (message: string): Violation => ({ message });
    const comment = dangerComment(
      'subproc',
      {
        fails: result.findings.filter((f) => f.severity === 'error').map((f) => violation(f.text)),
        warnings: result.findings.filter((f) => f.severity === 'warning').map((f) => violation(f.text)),
        messages: [],
        markdowns: [violation(result.markdown)],
      },
      'abc123',
    );
    const html = renderGfm(comment);
    // Danger's own summary comment opens the body; nothing else may open one, and it must close where Danger closes it.
    const comments = [...html.matchAll(/<!--[\s\S]*?-->/g)].map((m) => m[0]);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/DangerID: danger-id-subproc;\n-->$/);
    const body = html.replace(/<!--[\s\S]*?-->/, '');
    expect(headings(body)).toEqual(
      expect.arrayContaining(['h2 Subprocessor registry review', 'h3 What changed', 'h3 Changes that need customer notice']),
    );
    expect(tags(body, 'th').join('')).toContain('data-danger-table');
    expect(seen(body)).toContain('Generated by');
    for (const a of tags(body, 'a'))
      expect(a).toMatch(/^<a href="(https:\/\/github\.com\/acme\/registry\/blob\/abc123\/|https:\/\/danger\.systems\/js)/);
    for (const name of ['img', 'script', 'input', 'blockquote', 'pre', 'del', 'ol', 'math']) expect(tags(body, name), name).toEqual([]);
    expectOwnDetailsAndCode(body);
    expect(references(body)).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(seen(body), name).toContain(name);
    expect(seen(body)).toContain('[click](https://evil.example) @privacy-team <!-- hidden');
    // The errors Danger lists: one per hostile vendor (no mechanism for the US), none hidden.
    expect(result.findings.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length);
  });

  it('the job summary (the report with its findings): every section visible, the names as text', async () => {
    const { report } = await review;
    const html = renderGfm(formatMarkdown(report, blobLinks(LINKS)));
    expect(html).not.toContain('<!--');
    expect(headings(html)).toEqual(
      expect.arrayContaining([
        'h2 Subprocessor registry review',
        'h3 What changed',
        'h3 Findings',
        expect.stringMatching(/^h4 Errors \(\d+\)$/) as unknown as string,
        'h3 Changes that need customer notice',
      ]),
    );
    for (const a of tags(html, 'a')) expect(a).toMatch(/^<a href="https:\/\/github\.com\/acme\/registry\/blob\/abc123\//);
    for (const name of ['img', 'script', 'input', 'blockquote', 'pre', 'del', 'ol', 'math']) expect(tags(html, name), name).toEqual([]);
    expectOwnDetailsAndCode(html);
    expect(references(html)).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(seen(html), name).toContain(name);
  });
});

describe('the release: the Markdown list and the changelog (release body, feed text) with hostile registry text', () => {
  const settings: RegistrySettings = {
    title: '<!-- Subprocessors @everyone',
    introduction: 'See [our page](https://evil.example) and `www.evil.example`.\n# Not a heading',
    controller: { name: 'Example', country: 'FR' },
    noticePeriodDays: 30,
    categories: [
      { id: 'hosting', title: 'Hosting' },
      { id: 'analytics', title: '</details> **Analytics** #1' },
    ],
  };
  const old: Subprocessor = {
    id: 'old-host',
    name: 'Old Host',
    category: 'hosting',
    tasks: ['Hosting'],
    locations: [{ place: 'FR', mechanism: 'none' }],
    status: 'active',
  };
  const keeps: Subprocessor = {
    id: 'keeps',
    name: '- Keeps @ops',
    category: 'hosting',
    tasks: ['Hosting'],
    locations: [{ place: 'FR', mechanism: 'none' }],
    status: 'active',
  };
  const hostile: Subprocessor[] = HOSTILE_NAMES.map((name, i) => ({
    id: `hostile-${String(i + 1)}`,
    name,
    category: i % 2 === 0 ? 'hosting' : 'analytics',
    service: `Service of ${name}`,
    tasks: [`Task <b>${String(i)}</b> *of* ${name}`, '_second_ task'],
    locations: [{ place: 'US', mechanism: 'scc', mechanismDetail: `SCC [signed](https://evil.example) by ${name}` }],
    status: 'active',
    since: '2027-06-01',
  }));
  const released = new Date('2026-11-23T10:00:00Z');
  const first = buildRelease({ settings, subprocessors: [old, keeps], releasedAt: released, commit: 'a'.repeat(40), reissue: false });
  if (!first.built) throw new Error('the first release must build');
  const next: Subprocessor[] = [
    { ...old, status: 'retired', retired: { on: '2026-11-20', reason: '[x](https://evil.example) <!-- @team' } },
    { ...keeps, locations: [...keeps.locations, { place: 'DE', mechanism: 'none', mechanismDetail: '**bold** @ops' }] },
    ...hostile,
  ];
  const second = buildRelease({
    settings,
    subprocessors: next,
    previous: { doc: first.doc },
    releasedAt: new Date('2026-11-24T10:00:00Z'),
    commit: 'b'.repeat(40),
    reissue: false,
  });
  if (!second.built) throw new Error('the second release must build');
  const doc: Release = second.doc;

  it('the Markdown list: title, every section and the retired table visible; every name, place and reason as text', () => {
    const markdown = second.files.get('subprocessors.md')?.toString('utf8') ?? '';
    expect(markdown).toBe(renderMarkdown(doc, settings.title ?? '', settings.introduction));
    const html = renderGfm(markdown);
    expectOnlyText(html.replace(/<\/?(em|p)>/g, ''), 'the list', 'list');
    expect(headings(html)).toEqual([
      'h1 <!-- Subprocessors @\u200beveryone',
      'h2 Hosting',
      'h2 </details> **Analytics** #\u200b1',
      'h2 Retired',
    ]);
    // One row per vendor: no name ended its row or its table early.
    expect(tags(html, 'tr')).toHaveLength(1 + 1 + HOSTILE_NAMES.length / 2 + 1 + HOSTILE_NAMES.length / 2 + 1 + 1);
    const text = seen(html);
    expect(text).toContain('See [our page](https://evil.example) and `www.evil.example`.\n# Not a heading');
    for (const s of hostile) {
      expect(text).toContain(s.name);
      expect(text).toContain(`SCC [signed](https://evil.example) by ${s.name}`);
      expect(text).toContain(`Task <b>`);
    }
    expect(text).toContain('[x](https://evil.example) <!-- @team');
    // Each task is one emphasis, as before: two per vendor.
    expect(tags(html, 'em')).toHaveLength(2 * hostile.length + 1);
  });

  it('the changelog: its sections visible, one item per change, every name as text', () => {
    expect(second.kind).toBe('minor');
    const notes = second.files.get('CHANGELOG.md')?.toString('utf8') ?? '';
    const html = renderGfm(notes);
    expectOnlyText(html.replace(/<\/?p>/g, ''), 'the changelog', 'changelog');
    expect(headings(html)).toEqual([`h1 ${doc.version} (2026-11-24)`, 'h2 Changes that need customer notice']);
    // Added (one per hostile vendor), retired, and the new place: no name nested a list, a heading or a quote.
    expect(tags(html, 'li')).toHaveLength(HOSTILE_NAMES.length + 2);
    expect(tags(html, 'ul')).toHaveLength(1);
    const text = seen(html);
    for (const name of HOSTILE_NAMES) expect(text).toContain(`Added ${name} (`);
    expect(text).toContain('Retired Old Host on 2026-11-20: [x](https://evil.example) <!-- @team.');
    expect(text).toContain('- Keeps @ops adds ');
    expect(text).toContain('Valid until');
  });
});
