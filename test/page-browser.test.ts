import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../scripts/generated/release.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT } from './helpers/run-cli.js';
import { vendorYaml } from './helpers/vendor-yaml.js';
import { RELEASED_AT, shippedRegistryTree, subproc } from './release/fixtures.js';

/*
 * The public page in a real browser: Debian's Chromium (never one a test tool downloads), driven by playwright-core,
 * against a release built by the command line and served on 127.0.0.1. axe-core judges it against WCAG 2.1 AA in
 * light and dark mode and in a 640 px window (what 200% zoom of a 1280 px window gives).
 */

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI)
  console.warn(`test/page-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y chromium); under CI it fails instead.`);

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/atom+xml',
  '.csv': 'text/csv; charset=utf-8',
};

// The shipped registry (with its health vendors), plus a vendor that starts after the release date, one that
// retires after it, and two scoped ones: a health vendor whose places follow the residency, and an AI feature's.
const shipped = shippedRegistryTree();
const repo = gitRepo({
  ...shipped,
  'registry/registry.yaml': `${String(shipped['registry/registry.yaml'])}scopes:
  - id: eu-cloud
    kind: residency
    title: EU cloud
  - id: us-cloud
    kind: residency
    title: US cloud
  - id: ai-features
    kind: feature
    title: AI features
`,
  'registry/subprocessors/cloud-records.yaml': vendorYaml('cloud-records', {
    name: 'Cloud Records',
    category: 'hosting',
    tasks: ['Stores health records'],
    dataCategories: ['health'],
    dataSubjects: ['end-users'],
    locations: [
      { place: 'DE', mechanism: 'none', when: '{ residency: [eu-cloud] }' },
      { place: 'US', mechanisms: ['dpf', 'scc'], when: '{ residency: [us-cloud] }' },
    ],
  }),
  'registry/subprocessors/ai-assistant.yaml': vendorYaml('ai-assistant', {
    name: 'AI Assistant',
    category: 'others',
    tasks: ['Summarises measurements'],
    when: '{ feature: [ai-features], residency: [us-cloud] }',
    locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }],
  }),
  'registry/subprocessors/future-analytics.yaml': vendorYaml('future-analytics', {
    name: 'Future Analytics',
    category: 'others',
    tasks: ['Analyses app usage'],
    users: ['NORTH_AMERICA'],
    locations: [{ place: 'US', mechanisms: ['dpf', 'scc'] }],
    since: '2027-01-15',
  }),
  'registry/subprocessors/leaving-mail.yaml': vendorYaml('leaving-mail', {
    name: 'Leaving Mail',
    category: 'communication',
    tasks: ['Sends emails'],
    retired: { on: '2027-03-31', reason: 'Replaced by another provider.' },
  }),
});

// The shipped registry declaring three laws. Its dpf-only US vendors have no basis under the UK GDPR or the Swiss FADP,
// which `check` rightly calls an error; the per-law severity lowers it to a warning so that the release, and the page
// saying "not covered" for them, can be built at all.
const threeLaws = gitRepo({
  ...shipped,
  'registry/registry.yaml': `${String(shipped['registry/registry.yaml'])}jurisdictions:
  - eu-gdpr
  - id: uk-gdpr
    policies: { invalid-transfer-mechanism: warning }
  - id: ch-fadp
    policies: { invalid-transfer-mechanism: warning }
`,
});

let server: Server | undefined;
let lawsServer: Server | undefined;
let browser: Browser | undefined;
let base = '';
let lawsBase = '';
let doc: Release;

function serve(folder: string): Promise<Server> {
  const files = new Set(['index.html', 'subprocessors.json', 'subprocessors.json.minisig', 'feed.json', 'subprocessors.csv', 'SHA256SUMS']);
  const http = createServer((request, response) => {
    const name = basename(new URL(request.url ?? '/', 'http://127.0.0.1').pathname) || 'index.html';
    if (!files.has(name) || !existsSync(join(folder, name))) {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'text/plain; charset=utf-8';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(join(folder, name)));
  });
  return new Promise((resolve) => {
    http.listen(0, '127.0.0.1', () => {
      resolve(http);
    });
  });
}

async function open(context: BrowserContext, hash = '', at = base): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${at}/${hash}`);
  return page;
}

async function axeRun(page: Page): Promise<AxeResults> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  // A string, not a function: the test compiles without the DOM's types; axe.run's promise is awaited.
  const results = await page.evaluate<AxeResults>(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} } })`);
  return results;
}

const summary = (violations: AxeResults['violations']) =>
  violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.skipIf(!available && !process.env.CI)('the public page (index.html) in Chromium', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium (apt-get install -y chromium)`);
    const built = subproc(['build', '--out', 'site', '--released-at', RELEASED_AT], repo.dir);
    expect(built.code, built.stderr).toBe(0);
    doc = JSON.parse(readFileSync(join(repo.dir, 'site', 'subprocessors.json'), 'utf8')) as Release;
    server = await serve(join(repo.dir, 'site'));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    const lawsBuilt = subproc(['build', '--out', 'site', '--released-at', RELEASED_AT], threeLaws.dir);
    expect(lawsBuilt.code, lawsBuilt.stderr).toBe(0);
    lawsServer = await serve(join(threeLaws.dir, 'site'));
    lawsBase = `http://127.0.0.1:${String((lawsServer.address() as AddressInfo).port)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const http of [server, lawsServer])
      await new Promise<void>((resolve) => {
        if (http)
          http.close(() => {
            resolve();
          });
        else resolve();
      });
    repo.cleanup();
    threeLaws.cleanup();
  });

  it('shows the list: the vendor count, countries in words, the upcoming dates; makes no request elsewhere and logs no error', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    await page.waitForLoadState('networkidle');

    const listed = doc.subprocessors.filter((s) => s.statusOnRelease !== 'retired').length;
    expect(listed).toBe(doc.subprocessors.length); // no vendor of this registry is retired on the release date
    expect(await page.locator('#count').getAttribute('data-listed')).toBe(String(listed));
    expect(await page.locator('#all tbody tr').count()).toBe(listed);
    expect(await page.locator('#count').innerText()).toBe(
      `${String(listed - 1)} subprocessors process personal data on 2026-11-23, and 1 more starts later.`,
    );
    await expect.poll(() => page.locator('#vendor-klarna').innerText()).toContain('United States of America (users in North America)');

    const upcoming = page.locator('section[aria-labelledby="upcoming"] li');
    expect(await upcoming.allInnerTexts()).toEqual(['Future Analytics starts on 2027-01-15', 'Leaving Mail retires on 2027-03-31']);
    expect(await upcoming.first().locator('time').getAttribute('datetime')).toBe('2027-01-15');
    expect(await page.locator('#vendor-leaving-mail time').getAttribute('datetime')).toBe('2027-03-31');

    await page.screenshot({ path: join(ROOT, 'test-output', 'page.png') });
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      writeFileSync(join(ROOT, 'docs', 'images', 'page.png'), readFileSync(join(ROOT, 'test-output', 'page.png')));
    }
    await context.close();

    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
  }, 60_000);

  it('opens the view of one region by keyboard, without JavaScript, with the vendors serving those users', async () => {
    const context = await (browser as Browser).newContext({ javaScriptEnabled: false });
    const page = await open(context);
    await page.getByRole('link', { name: 'Users in North America' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#users-NORTH_AMERICA$/);
    const region = page.locator('#users-NORTH_AMERICA');
    const names = await region.locator('tbody th[scope="row"]').allInnerTexts();
    const first = (text: string) => text.split('\n')[0];
    expect(names.map(first)).toContain('Future Analytics');
    expect(names.map(first)).toContain('HeartBeat Health');
    expect(names.map(first)).toContain('Klarna');
    expect(names.map(first)).not.toContain('DPV Analytics'); // it serves EU users only
    expect(await region.locator('#NORTH_AMERICA-vendor-klarna').innerText()).not.toContain('Ireland');
    await context.close();
  }, 60_000);

  it('opens the view of one residency without JavaScript: its vendors, at its places, health data named as special', async () => {
    const context = await (browser as Browser).newContext({ javaScriptEnabled: false });
    const page = await open(context);
    await page.getByRole('navigation').getByRole('link', { name: 'In EU cloud' }).click();
    await page.waitForURL(/#scope-eu-cloud$/);
    const eu = page.locator('#scope-eu-cloud');
    const names = (await eu.locator('tbody th[scope="row"]').allInnerTexts()).map((text) => text.split('\n')[0]);
    expect(names).toContain('Cloud Records');
    expect(names).toContain('Klarna'); // not scoped: in every residency
    expect(names).not.toContain('AI Assistant'); // US cloud only
    const records = eu.locator('#scope-eu-cloud-vendor-cloud-records');
    expect(await records.innerText()).toContain('Germany, only in EU cloud');
    expect(await records.innerText()).not.toContain('United States');
    expect(await records.innerText()).toContain('Health data (special category, GDPR Art. 9)');
    const us = page.locator('#scope-us-cloud');
    expect(await us.locator('#scope-us-cloud-vendor-ai-assistant').innerText()).toContain('Only with AI features, in US cloud');
    expect(await page.locator('#vendor-heartbeat-health').innerText()).toContain('Health data (special category, GDPR Art. 9)');
    await context.close();
  }, 60_000);

  it('takes Tab to the skip link first, and the skip link to the main content', async () => {
    const context = await (browser as Browser).newContext();
    const page = await open(context);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.className')).toBe('skip');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('Skip to the list');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('main');
    await context.close();
  }, 60_000);

  it('prints dark text on white even when the reader is in dark mode', async () => {
    const context = await (browser as Browser).newContext();
    const page = await open(context);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const colours = await page.evaluate<string[]>(
      `[document.body, document.querySelector('.status')].map((e) => e ? getComputedStyle(e).color + ' on ' + getComputedStyle(document.body).backgroundColor : 'none')`,
    );
    // Body text black and the upcoming-date mark the light theme's brown (6.9:1 on white), not the dark theme's orange.
    expect(colours).toEqual(['rgb(0, 0, 0) on rgb(255, 255, 255)', 'rgb(122, 62, 0) on rgb(255, 255, 255)']);
    await context.close();
  }, 60_000);

  it('says under each declared law what covers a place, "not covered" for a dpf-only US vendor under the UK GDPR', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 640, height: 900 } });
    const page = await open(context, '', lawsBase);
    const coverage = page.locator('#vendor-logistech ul.coverage li');
    expect(await coverage.allInnerTexts()).toEqual([
      'EU GDPR: EU-US Data Privacy Framework (Art. 45(3))',
      'UK GDPR: not covered: the EU-US Data Privacy Framework is not a transfer mechanism under the UK GDPR',
      'Swiss FADP: not covered: the EU-US Data Privacy Framework is not a transfer mechanism under the Swiss FADP',
    ]);
    expect(await coverage.nth(1).isVisible()).toBe(true);
    // The page of the EU GDPR alone keeps its mechanism words without a list under them.
    const single = await open(context);
    expect(await single.locator('ul.coverage').count()).toBe(0);
    await context.close();
  }, 60_000);

  for (const [laws, at] of [
    ['EU GDPR', () => base],
    ['three laws', () => lawsBase],
  ] as const)
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 640]) {
        it(`has no axe-core violation of WCAG 2.1 A and AA under ${laws}, ${colorScheme}, ${String(width)} px wide; nothing scrolls sideways`, async () => {
          // axe is injected as a script, which the page's own Content-Security-Policy rightly forbids.
          const context = await (browser as Browser).newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
          const page = await open(context, '', at());
          await page.emulateMedia({ colorScheme });
          expect(await page.evaluate<boolean>("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(colorScheme === 'dark');
          const results = await axeRun(page);
          expect(summary(results.violations)).toEqual([]);
          // It judged something: colour contrast and table headers are among the rules that passed.
          expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['color-contrast', 'th-has-data-cells']));
          expect(
            await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
          ).toBeLessThanOrEqual(0);
          await context.close();
        }, 60_000);
      }
    }
});
