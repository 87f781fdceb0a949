import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepo } from './helpers/git-repo.js';
import { expectGolden } from './helpers/golden.js';
import { runCliCached } from './helpers/cached-runs.js';
import { ROOT } from './helpers/run-cli.js';

const TODAY = ['--today', '2026-11-30'];

interface Output {
  summary: { errors: number; warnings: number; infos: number; waived: number };
  diagnostics: { policy: string; messageId: string; file: string; line: number; column: number; severity: string }[];
  skipped: string[];
  transferScope?: { law: string; reading: string; because: string }[];
  changes?: {
    added: { id: string }[];
    deleted: { id: string }[];
    retired: { id: string }[];
    modified: { id: string; fields?: { field: string }[] }[];
  };
}

/** A clone-like repository: the shipped registry committed on main. */
function shippedRepo() {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
  repo.commit({}, 'import the registry');
  return repo;
}

const US_VENDOR_NO_MECHANISM = `# yaml-language-server: $schema=../../schemas/subprocessor.schema.json
id: acme-analytics
name: Acme Analytics
category: others
service: Product analytics
tasks:
  - Measures feature usage
locations:
  - place: US
status: active
since: 2027-01-15
`;

describe('subproc check in a git repository', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((c) => {
      c();
    });
  });
  const repo = () => {
    const r = shippedRepo();
    cleanups.push(r.cleanup);
    return r;
  };
  const json = (r: { dir: string }, ...args: string[]) => {
    const result = runCliCached(['check', '--format', 'json', ...TODAY, ...args], r.dir);
    expect(result.stderr).toBe('');
    return { code: result.code, out: JSON.parse(result.stdout) as Output, stderr: result.stderr };
  };

  it('passes on the shipped registry with its seven real warnings', () => {
    const r = repo();
    const { code, out } = json(r, '--base', 'HEAD');
    expect(code).toBe(0);
    expect(out.diagnostics.map((d) => `${d.policy} ${d.file}`)).toEqual([
      'vague-location registry/subprocessors/google-ads.yaml',
      'vague-location registry/subprocessors/google-vertex-ai.yaml',
      // Its ECG review is health data (Art. 9) that goes to the US under "none" and with no assessment.
      'special-category-transfer registry/subprocessors/heartbeat-health.yaml',
      'special-category-transfer registry/subprocessors/heartbeat-health.yaml',
      'user-scope-transfer registry/subprocessors/heartbeat-health.yaml',
      'user-scope-transfer registry/subprocessors/klarna.yaml',
      'vague-location registry/subprocessors/youtube.yaml',
    ]);
    // Withings is established in France: every user's data counts (Art. 3(1)), and the output says so.
    expect(out.transferScope).toEqual([
      { law: 'eu-gdpr', reading: 'establishment', because: 'the controller is established in FR, inside the EEA' },
    ]);
  });

  it('fails a deleted subprocessor with vendor-removed, naming the file', () => {
    const r = repo();
    r.git('rm', '-q', 'registry/subprocessors/twilio.yaml');
    r.git('commit', '-q', '-m', 'drop twilio');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ policy: 'vendor-removed', messageId: 'deleted', file: 'registry/subprocessors/twilio.yaml', line: 1 }),
    ]);
    expect(out.changes?.deleted.map((d) => d.id)).toEqual(['twilio']);
  });

  it('accepts a retirement and lists it as a change needing notice', () => {
    const r = repo();
    const file = join(r.dir, 'registry/subprocessors/twilio.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'status: active',
        'status: retired\nretired:\n  on: 2026-12-31\n  reason: SMS moved to another provider',
      ),
    );
    r.commit({}, 'retire twilio');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(0);
    expect(out.changes?.retired.map((d) => d.id)).toEqual(['twilio']);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ policy: 'new-subprocessor-notice', messageId: 'notice-retired', severity: 'info' }),
    );
  });

  it('fails a vendor stored in a country that does not exist with unknown-country', () => {
    const r = repo();
    r.commit(
      { 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM.replace('place: US', 'place: XZ\n    mechanism: scc') },
      'add acme',
    );
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ policy: 'unknown-country', file: 'registry/subprocessors/acme-analytics.yaml', line: 9, column: 12 }),
    ]);
  });

  it('fails a US vendor with no mechanism with missing-transfer-mechanism at its location', () => {
    const r = repo();
    r.commit({ 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }, 'add acme');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        policy: 'missing-transfer-mechanism',
        file: 'registry/subprocessors/acme-analytics.yaml',
        line: 9,
        column: 5,
      }),
    ]);
    expect(out.changes?.added.map((a) => a.id)).toEqual(['acme-analytics']);
  });

  it('fails a new vendor that starts before the notice period ends', () => {
    const r = repo();
    r.commit(
      {
        'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM.replace('place: US', 'place: US\n    mechanism: dpf').replace(
          '2027-01-15',
          '2026-12-01',
        ),
      },
      'add acme',
    );
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ policy: 'new-subprocessor-notice', messageId: 'too-soon', line: 12 }),
    ]);
  });

  it('compares with the merge base of main by default, and reads an uncommitted work tree', () => {
    const r = repo();
    r.git('checkout', '-q', '-b', 'feature');
    rmSync(join(r.dir, 'registry/subprocessors/meta.yaml'));
    const { code, out } = json(r);
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.policy)).toEqual(['vendor-removed']);
  });

  it('checks a git ref as head without checking it out', () => {
    const r = repo();
    r.git('checkout', '-q', '-b', 'feature');
    r.commit({ 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }, 'add acme');
    r.git('checkout', '-q', 'main');
    const { code, out } = json(r, '--head', 'feature', '--base', 'main');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.policy)).toEqual(['missing-transfer-mechanism']);
  });

  it('without a base, runs what needs no history and says what it skipped', () => {
    const r = repo();
    const result = runCliCached(['check', '--no-base', ...TODAY], r.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no base to compare with: history policies skipped');
    expect(result.stdout).toContain('skipped: vendor-removed, new-subprocessor-notice (pass --base REF)');
  });

  it('a waiver covers a finding until it expires, and is counted', () => {
    const r = repo();
    const settings = join(r.dir, 'registry/registry.yaml');
    const waiver = (expires: string) =>
      `${readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8')}waivers:\n  - policy: vague-location\n    subprocessor: youtube\n    reason: Google does not publish YouTube's storage countries\n    expires: ${expires}\n`;
    writeFileSync(settings, waiver('2027-03-31'));
    const live = json(r, '--no-base');
    expect(live.code).toBe(0);
    expect(live.out.summary).toMatchObject({ warnings: 6, waived: 1 });
    writeFileSync(settings, waiver('2026-11-01'));
    const expired = json(r, '--no-base');
    expect(expired.code).toBe(1);
    expect(expired.out.summary).toMatchObject({ errors: 1, warnings: 7, waived: 0 });
    expect(expired.out.diagnostics).toContainEqual(
      expect.objectContaining({ policy: 'policy-config', messageId: 'waiver-expired', file: 'registry/registry.yaml' }),
    );
  });

  /** The shipped registry with scopes declared in registry.yaml, committed as the base. */
  const scopedRepo = () => {
    const r = repo();
    const settings = join(r.dir, 'registry/registry.yaml');
    writeFileSync(
      settings,
      `${readFileSync(settings, 'utf8')}scopes:\n  - id: ai-features\n    kind: feature\n    title: AI features\n  - id: eu-cloud\n    kind: residency\n    title: EU cloud\n  - id: us-cloud\n    kind: residency\n    title: US cloud\n`,
    );
    r.commit({}, 'declare scopes');
    return r;
  };

  it('announces a new feature-scoped vendor, its scope in the notice', () => {
    const r = scopedRepo();
    const vendor = US_VENDOR_NO_MECHANISM.replace('place: US', 'place: US\n    mechanism: dpf').replace(
      'locations:',
      'when: { feature: [ai-features] }\nlocations:',
    );
    r.commit({ 'registry/subprocessors/acme-analytics.yaml': vendor }, 'add acme, for AI features only');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(0);
    expect(out.changes?.added.map((a) => a.id)).toEqual(['acme-analytics']);
    const notice = out.diagnostics.find((d) => d.messageId === 'notice-added') as
      (Output['diagnostics'][number] & { message: string }) | undefined;
    expect(notice?.message).toBe('new subprocessor Acme Analytics (US: dpf, only with AI features) from 2027-01-15');
  });

  it('announces a residency scope widened on a place, and lists the field changed', () => {
    const r = scopedRepo();
    const file = join(r.dir, 'registry/subprocessors/twilio.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('mechanism: dpf', 'mechanism: dpf\n    when: { residency: [us-cloud] }'));
    r.commit({}, 'twilio for the US cloud only');
    writeFileSync(file, original.replace('mechanism: dpf', 'mechanism: dpf\n    when: { residency: [us-cloud, eu-cloud] }'));
    r.commit({}, 'twilio for the EU cloud too');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(0);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({
        policy: 'new-subprocessor-notice',
        messageId: 'notice-when',
        file: 'registry/subprocessors/twilio.yaml',
        severity: 'info',
        message: 'Twilio now receives data at US (United States of America) only in US cloud or EU cloud (was only in US cloud)',
      }),
    );
    expect(out.changes?.modified.find((m) => m.id === 'twilio')?.fields?.map((f) => f.field)).toEqual(['locations[US].when']);
  });

  it('announces health data added to a vendor, at its dataCategories; a category that is not special is only an edit', () => {
    const r = repo();
    const file = join(r.dir, 'registry/subprocessors/klarna.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('dataCategories: [financial]', 'dataCategories: [financial, health]'));
    r.commit({}, 'klarna gets health data');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(0);
    const notices = out.diagnostics.filter((d) => d.messageId === 'notice-special-data') as (Output['diagnostics'][number] & {
      message: string;
    })[];
    expect(notices).toEqual([
      expect.objectContaining({
        policy: 'new-subprocessor-notice',
        file: 'registry/subprocessors/klarna.yaml',
        line: original.split('\n').findIndex((l) => l.startsWith('dataCategories:')) + 1,
        severity: 'info',
        message: 'Klarna now processes Health data (Art. 9)',
      }),
    ]);
    // Not also an edit: the notice says what changed.
    expect(out.changes?.modified.find((m) => m.id === 'klarna')?.fields?.map((f) => f.field)).toEqual(['dataCategories']);

    // A non-special category added is only an edit, with no notice.
    writeFileSync(file, original.replace('dataCategories: [financial]', 'dataCategories: [financial, contact]'));
    r.commit({}, 'klarna gets contact data');
    expect(json(r, '--base', 'HEAD~1').out.diagnostics.filter((d) => d.messageId === 'notice-special-data')).toEqual([]);
  });

  it('fails an unknown scope id with a located error and the declared id it resembles', () => {
    const r = scopedRepo();
    const file = join(r.dir, 'registry/subprocessors/google-vertex-ai.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('locations:', 'when: { feature: [ai-feature] }\nlocations:'));
    r.commit({}, 'vertex for AI features');
    const { code, out } = json(r, '--base', 'HEAD~1');
    expect(code).toBe(1);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        policy: 'registry-layout',
        messageId: 'unknown-scope-suggest',
        file: 'registry/subprocessors/google-vertex-ai.yaml',
        column: 19,
        message: 'feature scope "ai-feature" is not declared in registry/registry.yaml; did you mean "ai-features"?',
      }),
    ]);
  });

  it('--fail-on warning turns warnings into a failing exit code', () => {
    const r = repo();
    expect(runCliCached(['check', '--no-base', '--fail-on', 'warning', ...TODAY], r.dir).code).toBe(1);
  });
});

describe('check output formats (golden files)', () => {
  const r = shippedRepo();
  r.git('rm', '-q', 'registry/subprocessors/twilio.yaml');
  r.commit({ 'registry/subprocessors/acme-analytics.yaml': US_VENDOR_NO_MECHANISM }, 'drop twilio, add acme');
  const run = (format: string, env: NodeJS.ProcessEnv = {}) =>
    runCliCached(['check', '--base', 'HEAD~1', '--format', format, ...TODAY], r.dir, env);
  const scrubVersion: [RegExp, string][] = [[/"version": "\d+\.\d+\.\d+[^"]*"/g, '"version": "VERSION"']];

  it.each(['stylish', 'github'])('%s', (format) => {
    expectGolden(`check-${format}`, run(format));
  });

  it('json', () => {
    expectGolden('check-json', run('json'), scrubVersion);
  });

  it('markdown, with links when the repository is known', () => {
    expectGolden('check-markdown', run('markdown', { SUBPROC_LINK_BASE: 'https://github.com/acme/registry/blob/abc123/' }));
  });

  it('sarif, valid against the official SARIF 2.1.0 schema', () => {
    const result = run('sarif', { SUBPROC_LINK_BASE: 'https://github.com/acme/registry/blob/abc123/' });
    expect(result.code).toBe(1);
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    // CommonJS default export: Node hands ESM the module object, whose `default` is the class.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(result.stdout) as {
      runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[];
    };
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const run0 = log.runs[0];
    expect(run0?.results.map((x) => x.ruleId)).toEqual(expect.arrayContaining(['vendor-removed', 'missing-transfer-mechanism']));
    expect(run0?.tool.driver.rules.find((rule) => rule.id === 'vendor-removed')?.helpUri).toBe(
      'https://github.com/acme/registry/blob/abc123/docs/policies/vendor-removed.md',
    );
    expectGolden('check-sarif', result, scrubVersion);
  });
});
