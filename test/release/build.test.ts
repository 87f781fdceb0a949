import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import canonicalizeImport from 'canonicalize';
import { afterAll, describe, expect, it } from 'vitest';
import type { Release } from '../../scripts/generated/release.js';
import { gitRepo } from '../helpers/git-repo.js';
import { ROOT } from '../helpers/run-cli.js';
import { subprocessorYaml } from '../helpers/temp-registry.js';
import { EXPIRES_AT, readFolder, RELEASED_AT, retiredYaml, run, shippedRegistryTree, subproc } from './fixtures.js';

// Both packages are CommonJS whose typings declare an ES default export; Node and Vitest hand over module.exports.
const addFormats = formatsModule.default;
const canonicalize = canonicalizeImport as unknown as (input: unknown) => string | undefined;

const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv, ['date', 'date-time']);
ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
ajv.addSchema(schema('common.schema.json'));
ajv.addSchema(schema('subprocessor.schema.json'));
const validateRelease = ajv.compile(schema('release.schema.json'));

interface JsonFeedItem {
  id: string;
  title?: string;
  content_text?: string;
  content_html?: string;
  date_published?: string;
  url?: string;
}
interface JsonFeed {
  version: string;
  title: string;
  items: JsonFeedItem[];
  feed_url?: string;
}

const shipped = shippedRegistryTree();
const shippedIds = Object.keys(shipped)
  .filter((path) => path.startsWith('registry/subprocessors/'))
  .map((path) => path.slice('registry/subprocessors/'.length, -'.yaml'.length));

// One repository for the whole file: the shipped registry plus a retired vendor, and beside it a registry that
// `subproc check` fails (a vendor in the US without a transfer mechanism).
const repo = gitRepo({
  ...shipped,
  'registry/subprocessors/old-host.yaml': retiredYaml('old-host'),
  ...Object.fromEntries(Object.entries(shipped).map(([path, bytes]) => [path.replace(/^registry\//, 'broken/'), bytes])),
  'broken/subprocessors/us-vendor.yaml': subprocessorYaml('us-vendor').replace('  - place: FR\n    mechanism: none\n', '  - place: US\n'),
});
afterAll(repo.cleanup);

const at = (...parts: string[]) => join(repo.dir, ...parts);
const text = (...parts: string[]) => readFileSync(at(...parts), 'utf8');
const docIn = (folder: string) => JSON.parse(text(folder, 'subprocessors.json')) as Release;
const feedIn = (folder: string) => JSON.parse(text(folder, 'feed.json')) as JsonFeed;

function build(...args: string[]) {
  return subproc(['build', ...args], repo.dir);
}

describe('subproc build', () => {
  const head = repo.git('rev-parse', 'HEAD').trim();

  it('builds the same bytes twice from the same commit and clock, in every file', () => {
    const first = build('--released-at', RELEASED_AT);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('built 1.0.0 (initial) in dist/');
    const before = readFolder(at('dist'));
    expect([...before.keys()]).toEqual([
      'CHANGELOG.md',
      'SHA256SUMS',
      'feed.json',
      'feed.xml',
      'index.html',
      'subprocessors.csv',
      'subprocessors.json',
      'subprocessors.md',
    ]);

    const second = build('--released-at', RELEASED_AT);
    expect(second.code, second.stderr).toBe(0);
    const after = readFolder(at('dist'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });

  it('writes a canonical document that validates against schemas/release.schema.json', () => {
    const bytes = text('dist', 'subprocessors.json');
    const doc = JSON.parse(bytes) as unknown;
    expect(validateRelease(doc), JSON.stringify(validateRelease.errors)).toBe(true);
    expect(bytes).toBe(canonicalize(doc));
    expect(doc).toMatchObject({
      schemaVersion: '1.6.0',
      version: '1.0.0',
      releasedAt: RELEASED_AT,
      expiresAt: EXPIRES_AT,
      source: { commit: head },
      controller: { name: 'Withings', country: 'FR', role: 'controller' },
    });
  });

  it('lists every subprocessor sorted by id, the retired one marked retired', () => {
    const doc = docIn('dist');
    const ids = doc.subprocessors.map((s) => s.id);
    expect(ids).toEqual([...shippedIds, 'old-host'].sort());
    const retired = doc.subprocessors.filter((s) => s.status === 'retired');
    expect(retired).toEqual([
      expect.objectContaining({ id: 'old-host', status: 'retired', retired: { on: '2025-06-30', reason: 'The contract ended.' } }),
    ]);
    expect(doc.subprocessors.filter((s) => s.status === 'active')).toHaveLength(shippedIds.length);
    expect(text('dist', 'subprocessors.csv')).toMatch(/Retired old-host,.*,retired\r\n/);
    expect(text('dist', 'subprocessors.md')).toMatch(/## Retired[\s\S]*\| Retired old-host \| 2025-06-30 \| The contract ended\. \|/);
  });

  it('writes a SHA256SUMS that the real sha256sum -c accepts, covering every other file', () => {
    const result = run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], at('dist'));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const listed = text('dist', 'SHA256SUMS')
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^[0-9a-f]{64} {2}/, ''));
    expect(listed).toEqual([...readFolder(at('dist')).keys()].filter((name) => name !== 'SHA256SUMS'));
  });

  it('refuses to build when `subproc check` fails: exit 1, nothing written', () => {
    const result = build('broken', '--out', 'dist-broken', '--released-at', RELEASED_AT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('missing-transfer-mechanism');
    expect(result.stderr).toContain('no release');
    expect(existsSync(at('dist-broken', 'subprocessors.json'))).toBe(false);
  });

  it('makes no release when nothing changed since --previous: exit 0, nothing written', () => {
    const result = build('--previous', 'dist', '--out', 'dist-same', '--released-at', '2026-11-30T10:00:00Z');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/nothing changed since 1\.0\.0: no release/);
    expect(existsSync(at('dist-same'))).toBe(false);
  });

  it('re-issues an unchanged list as a patch with --reissue, with a new expiry', () => {
    const result = build('--previous', 'dist', '--out', 'dist-reissue', '--reissue', '--released-at', '2026-11-30T10:00:00Z');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('built 1.0.1 (reissue)');
    const doc = docIn('dist-reissue');
    expect(doc).toMatchObject({ version: '1.0.1', releasedAt: '2026-11-30T10:00:00Z', expiresAt: '2027-02-28T10:00:00Z' });
    expect(doc.subprocessors).toEqual(docIn('dist').subprocessors);
    expect(text('dist-reissue', 'CHANGELOG.md')).toContain('Re-issued unchanged');
  });

  it('says which items of the previous feed.json it leaves out, and why, instead of dropping them silently', () => {
    cpSync(at('dist'), at('dist-edited'), { recursive: true });
    const feed = feedIn('dist');
    const edited = { ...feed, items: [...feed.items, { id: 'v0.9.0', title: 'no text', date_published: '2026-10-01T00:00:00Z' }] };
    writeFileSync(at('dist-edited', 'feed.json'), JSON.stringify(edited));
    const result = build('--previous', 'dist-edited', '--out', 'dist-edited-out', '--reissue', '--released-at', '2026-11-30T10:00:00Z');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${at('dist-edited', 'feed.json')}: items[${feed.items.length}] is left out of the new feed: its "content_text" is missing or not text\n`,
    );
    expect(feedIn('dist-edited-out').items.map((i) => i.id)).toEqual(feed.items.map((i) => i.id));
    // An untouched previous feed carries every item without a word.
    expect(build('--previous', 'dist', '--out', 'dist-quiet', '--reissue', '--released-at', '2026-11-30T10:00:00Z').stderr).not.toContain(
      'left out',
    );
  });

  describe('after a change with notice-worthy and other parts', () => {
    it('is a minor release whose CHANGELOG lists the changes that need notice first', () => {
      repo.commit(
        {
          'registry/subprocessors/acme-analytics.yaml': subprocessorYaml('acme-analytics', 'since: 2027-01-15').replace(
            'place: FR',
            'place: DE',
          ),
          'registry/subprocessors/braintree.yaml': text('registry/subprocessors/braintree.yaml').replace(
            '  - Payment management',
            '  - Payment management and refunds',
          ),
          'registry/subprocessors/twilio.yaml': text('registry/subprocessors/twilio.yaml').replace('mechanism: dpf', 'mechanism: scc'),
          'registry/subprocessors/klarna.yaml': text('registry/subprocessors/klarna.yaml').replace(
            '  - place: US\n    users: [NORTH_AMERICA]\n    mechanism: none\n',
            '',
          ),
        },
        'a mixed change',
      );
      const result = build('--previous', 'dist', '--out', 'dist-v2', '--released-at', '2026-12-01T10:00:00Z');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('built 1.1.0 (minor)');
      expect(docIn('dist-v2').source.commit).toBe(repo.git('rev-parse', 'HEAD').trim());

      const changelog = text('dist-v2', 'CHANGELOG.md');
      const notice = changelog.indexOf('## Changes that need customer notice');
      const other = changelog.indexOf('## Other changes');
      expect(changelog.startsWith('# 1.1.0 (2026-12-01)')).toBe(true);
      expect(notice).toBeGreaterThan(0);
      expect(other).toBeGreaterThan(notice);
      const noticePart = changelog.slice(notice, other);
      const otherPart = changelog.slice(other);
      expect(noticePart).toContain('Added Vendor acme-analytics');
      expect(noticePart).toMatch(/Twilio changes the transfer mechanism for US from dpf to scc/);
      expect(otherPart).toMatch(/BrainTree: tasks updated/);
      expect(otherPart).toMatch(/Klarna no longer uses US/);
      for (const name of ['acme-analytics', 'Twilio']) expect(otherPart).not.toContain(name);

      // acme-analytics starts on 2027-01-15, after this release: listed as starting then, in every rendering.
      const acme = docIn('dist-v2').subprocessors.find((s) => s.id === 'acme-analytics');
      expect(acme).toMatchObject({
        status: 'active',
        since: '2027-01-15',
        statusOnRelease: 'upcoming',
        upcoming: { starts: '2027-01-15' },
      });
      expect(text('dist-v2', 'subprocessors.md')).toContain('| Vendor acme-analytics (from 2027-01-15) |');
      expect(text('dist-v2', 'subprocessors.csv')).toMatch(
        /\nacme-analytics,HOSTING,Vendor acme-analytics,.*,upcoming \(from 2027-01-15\)\r\n/,
      );
    });

    it('accumulates the feed: JSON Feed 1.1, one item per release, newest first; an unchanged re-issue adds none', () => {
      const v1 = feedIn('dist');
      const v2 = feedIn('dist-v2');
      const reissue = build('--previous', 'dist-v2', '--out', 'dist-v3', '--reissue', '--released-at', '2026-12-15T10:00:00Z');
      expect(reissue.code, reissue.stderr).toBe(0);
      const v3 = feedIn('dist-v3');

      for (const feed of [v1, v2, v3]) {
        expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
        expect(typeof feed.title).toBe('string');
        for (const item of feed.items) {
          expect(typeof item.id).toBe('string');
          expect(typeof (item.content_text ?? item.content_html)).toBe('string');
          expect(item.date_published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        }
        const dates = feed.items.map((i) => Date.parse(i.date_published ?? ''));
        expect(dates).toEqual([...dates].sort((a, b) => b - a));
        expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
      }
      expect(v1.items.map((i) => i.id)).toEqual(['v1.0.0']);
      expect(v2.items.map((i) => i.id)).toEqual(['v1.1.0', 'v1.0.0']);
      expect(docIn('dist-v3').version).toBe('1.1.1');
      // 1.1.1 renews the expiry of the same list: subscribers are told nothing new, the items are carried as they were.
      expect(v3.items).toEqual(v2.items);
      expect(v2.items.slice(1)).toEqual(v1.items);
      // The newest item is this release's notes as plain text and as HTML, not the Markdown of CHANGELOG.md.
      const newest = v2.items[0];
      expect(text('dist-v2', 'CHANGELOG.md')).toContain('## Changes that need customer notice');
      expect(newest?.content_text).toContain('Changes that need customer notice:\n- Added Vendor acme-analytics');
      expect(newest?.content_text).not.toContain('##');
      expect(newest?.content_html).toContain('<h2>Changes that need customer notice</h2>');
    });
  });
});
