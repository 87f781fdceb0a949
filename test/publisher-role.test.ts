import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readingOf, type JudgingSettings, type PublisherRole, type TransferScope } from '../scripts/engine/settings.js';
import type { RegistrySettings } from '../scripts/generated/registry.js';
import type { Subprocessor } from '../scripts/generated/subprocessor.js';
import { describeReading } from '../scripts/format/text.js';
import { shippedLaws } from '../scripts/pipeline/shipped.js';
import { changelog, releaseNotes } from '../scripts/release/changelog.js';
import { nextFeed } from '../scripts/release/feed.js';
import { buildReleaseDocument } from '../scripts/release/release-doc.js';
import { planVersion } from '../scripts/release/versioning.js';
import { validatorFor } from '../scripts/registry/schemas.js';
import { gitRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

/**
 * Issue 11, "the publisher's role": a processor publishing its sub-processors for its customers is read on its own
 * establishment (GDPR Art. 3), and what it publishes speaks of customers, the controllers told under Art. 28(2).
 */

const gdpr = shippedLaws().find((law) => law.id === 'eu-gdpr');
if (!gdpr) throw new Error('the shipped laws include eu-gdpr');

const judging = (role: PublisherRole, establishment: string, transferScope?: TransferScope): JudgingSettings => ({
  jurisdictions: ['eu-gdpr'],
  lawOverrides: {},
  overrides: {},
  noticePeriodDays: 30,
  maxWaiverDays: 180,
  waivers: [],
  newWaivers: new Set(),
  establishment,
  role,
  ...(transferScope ? { transferScope } : {}),
});

describe('readingOf: whose data counts, by the publisher’s role and establishment', () => {
  it.each<[string, JudgingSettings, TransferScope, string, string]>([
    [
      'a controller in France',
      judging('controller', 'FR'),
      'establishment',
      'the controller is established in FR, inside the EEA',
      "eu-gdpr: every user's data counts (the controller is established in FR, inside the EEA)",
    ],
    [
      'a controller in the US',
      judging('controller', 'US'),
      'users-in-zone',
      'the controller is established in US, outside the EEA',
      'eu-gdpr: only the data of users inside the zone counts (the controller is established in US, outside the EEA)',
    ],
    [
      'a processor in Germany',
      judging('processor', 'DE'),
      'establishment',
      'the processor is established in DE, inside the EEA',
      'eu-gdpr: all it processes for its customers counts (the processor is established in DE, inside the EEA)',
    ],
    [
      'a processor in the US',
      judging('processor', 'US'),
      'users-in-zone',
      'the processor is established in US, outside the EEA: only the data of customers or users in the EEA counts',
      'eu-gdpr: only the data of customers or users inside the zone counts (the processor is established in US, outside the EEA: only the data of customers or users in the EEA counts)',
    ],
    [
      'a processor in Germany whose counsel set transferScope',
      judging('processor', 'DE', 'users-in-zone'),
      'users-in-zone',
      'transferScope: users-in-zone in registry.yaml',
      'eu-gdpr: only the data of customers or users inside the zone counts (transferScope: users-in-zone in registry.yaml)',
    ],
    [
      'a controller in the US whose counsel set transferScope',
      judging('controller', 'US', 'establishment'),
      'establishment',
      'transferScope: establishment in registry.yaml',
      "eu-gdpr: every user's data counts (transferScope: establishment in registry.yaml)",
    ],
  ])('%s', (_name, settings, reading, because, described) => {
    const result = readingOf(gdpr, settings);
    expect(result).toEqual({ law: 'eu-gdpr', reading, because, role: settings.role });
    expect(describeReading(result)).toBe(described);
  });
});

describe('subproc check: a US-only vendor in the US, by where the processor is established', () => {
  const vendor = vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', mechanism: 'none' }] });
  const checkWith = (country: string) => {
    const repo = gitRepo({
      'registry/registry.yaml': settingsYaml({ country, role: 'processor' }),
      'registry/subprocessors/acme.yaml': vendor,
    });
    try {
      const run = runCli(['check', '--format', 'json', '--today', '2026-11-30', '--base', 'HEAD'], repo.dir);
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as {
        diagnostics: { policy: string; message: string }[];
        transferScope: { because: string }[];
      };
      return { code: run.code, ...out };
    } finally {
      repo.cleanup();
    }
  };

  it('a processor in the US: the vendor receives no EEA customer’s or user’s data, nothing is flagged', () => {
    const out = checkWith('US');
    expect(out.code).toBe(0);
    expect(out.diagnostics.filter((d) => d.policy === 'user-scope-transfer')).toEqual([]);
    expect(out.transferScope.map((r) => r.because)).toEqual([
      'the processor is established in US, outside the EEA: only the data of customers or users in the EEA counts',
    ]);
  });

  it('the same registry with the processor in Germany: user-scope-transfer warns, naming the processor', () => {
    const out = checkWith('DE');
    expect(out.code).toBe(0);
    const flagged = out.diagnostics.filter((d) => d.policy === 'user-scope-transfer');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.message).toContain(
      'the processor is established in DE, so under EU GDPR Art. 3(1) all it processes for its customers counts',
    );
  });
});

describe('subproc check: a widened scope is announced to a processor’s customers', () => {
  it('lists it for notice as every customer’s data', () => {
    const scoped = vendorYaml('acme', { users: ['US'], locations: [{ place: 'US', mechanism: 'scc' }] });
    const repo = gitRepo({
      'registry/registry.yaml': settingsYaml({ country: 'DE', role: 'processor' }),
      'registry/subprocessors/acme.yaml': scoped,
    });
    try {
      writeFileSync(
        join(repo.dir, 'registry/subprocessors/acme.yaml'),
        vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc' }] }),
      );
      const run = runCli(['check', '--format', 'json', '--today', '2026-11-30', '--base', 'HEAD'], repo.dir);
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as { diagnostics: { messageId: string; message: string }[] };
      expect(out.diagnostics.filter((d) => d.messageId === 'notice-scope').map((d) => d.message)).toEqual([
        "Vendor acme now receives every customer's data at US (was users in US)",
      ]);
    } finally {
      repo.cleanup();
    }
  });
});

describe('a processor’s release speaks of customers', () => {
  const sub = (users?: [string, ...string[]]): Subprocessor => ({
    id: 'acme',
    name: 'Acme Cloud',
    category: 'hosting',
    tasks: ['Hosting'],
    ...(users ? { users } : {}),
    locations: [{ place: 'US', mechanism: 'scc' }],
    status: 'active',
  });
  const settingsOf = (role?: PublisherRole): RegistrySettings => ({
    controller: { name: 'Acme SaaS', country: 'DE', ...(role ? { role } : {}) },
    noticePeriodDays: 30,
    categories: [{ id: 'hosting', title: 'Hosting' }],
  });
  const release = (role: PublisherRole | undefined, subprocessors: Subprocessor[], version: string) =>
    buildReleaseDocument({
      settings: settingsOf(role),
      subprocessors,
      version,
      releasedAt: new Date('2026-12-01T09:00:00Z'),
      commit: 'a'.repeat(40),
    });
  const widened = (role: PublisherRole | undefined) => {
    const before = release(role, [sub(['US'])], '1.0.0');
    const after = release(role, [sub()], '1.1.0');
    const plan = planVersion(before, after, false);
    if (!plan) throw new Error('a widened scope is a change');
    return { notes: changelog(after, plan), feed: nextFeed(undefined, after, releaseNotes(after, plan)) };
  };

  it('a widened scope is told to customers under Art. 28(2), as every customer’s data', () => {
    const { notes, feed } = widened('processor');
    expect(notes).toContain('## Changes customers must be told of (GDPR Art. 28(2))');
    expect(notes).toContain('Acme Cloud changes whose data it processes: every customer (was users in US).');
    expect(notes).not.toContain('every user');
    expect(feed.description).toContain('for its customers (the controllers, told of each addition or replacement under GDPR Art. 28(2))');
  });

  it('a controller’s (role stated or not) keeps its words', () => {
    for (const role of ['controller', undefined] as const) {
      const { notes, feed } = widened(role);
      expect(notes).toContain('## Changes that need customer notice');
      expect(notes).toContain('Acme Cloud changes whose data it processes: every user (was users in US).');
      expect(feed.description).toBe(
        'Changes to the list of subprocessors of Acme SaaS: additions, retirements, new places and transfer mechanisms.',
      );
    }
  });

  it('the release document carries the role (schema 1.3.0), a controller’s when registry.yaml does not say', () => {
    const validate = validatorFor('release');
    const processor = release('processor', [sub()], '1.0.0');
    const unstated = release(undefined, [sub()], '1.0.0');
    expect(validate(processor), JSON.stringify(validate.errors)).toBe(true);
    expect(processor.controller.role).toBe('processor');
    expect(unstated.controller.role).toBe('controller');
  });

  it('a document from before roles (no controller.role) is not a change from one stating controller', () => {
    const old = release(undefined, [sub()], '1.0.0');
    const withoutRole = { name: old.controller.name, country: old.controller.country };
    const previous = { ...old, schemaVersion: '1.2.0', controller: withoutRole };
    // What the build compares: the registry's settings and entries, as registry.yaml states them.
    const content = (role?: PublisherRole) => ({ ...settingsOf(role), subprocessors: [sub()] });
    expect(planVersion(previous, content('controller'), false)).toBe(undefined);
    expect(planVersion(previous, content(), false)).toBe(undefined);
    // Becoming a processor is a settings change: a patch.
    expect(planVersion(previous, content('processor'), false)).toMatchObject({ kind: 'patch', version: '1.0.1' });
  });
});

describe('init --role, and import keeping it', () => {
  const temp = tempDir('subproc-role-');
  afterAll(temp.cleanup);
  const FLAGS = ['--controller', 'Acme SaaS GmbH', '--controller-country', 'DE', '--contact', 'privacy@acme.example'];
  const controllerOf = (dir: string) => (parse(readFileSync(join(dir, 'registry/registry.yaml'), 'utf8')) as RegistrySettings).controller;

  it('writes role: processor, and the registry validates', () => {
    const dir = join(temp.dir, 'processor');
    const run = runCli(['init', dir, ...FLAGS, '--role', 'processor'], temp.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(controllerOf(dir)).toEqual({ name: 'Acme SaaS GmbH', country: 'DE', contact: 'privacy@acme.example', role: 'processor' });
    expect(runCli(['validate', join(dir, 'registry')], dir).code).toBe(0);

    // An import over it keeps the role, with or without --controller.
    const list = join(temp.dir, 'list.csv');
    writeFileSync(list, 'Name,Location,Purpose,Transfer mechanism\nAcme Hosting,Germany,Hosting,None\n');
    const imported = runCli(['import', list, '--out', join(dir, 'registry'), '--force'], dir);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(controllerOf(dir).role).toBe('processor');
    const renamed = runCli(
      ['import', list, '--out', join(dir, 'registry'), '--force', '--controller', 'Acme SE', '--controller-country', 'DE'],
      dir,
    );
    expect(renamed.code, renamed.stdout + renamed.stderr).toBe(0);
    expect(controllerOf(dir)).toMatchObject({ name: 'Acme SE', role: 'processor' });
  });

  it('defaults to controller and refuses another role, suggesting the nearest (exit 2)', () => {
    const dir = join(temp.dir, 'controller');
    expect(runCli(['init', dir, ...FLAGS], temp.dir).code).toBe(0);
    expect(controllerOf(dir).role).toBe('controller');
    const wrong = runCli(['init', join(temp.dir, 'wrong'), ...FLAGS, '--role', 'procesor'], temp.dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('init: --role must be one of controller, processor, not "procesor"');
    expect(wrong.stderr).toContain('Did you mean --role processor?');
  });
});
