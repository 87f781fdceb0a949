import { afterAll, describe, expect, it } from 'vitest';
import type { RegistrySettings } from '../../scripts/generated/registry.js';
import type { Release } from '../../scripts/generated/release.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { buildRelease } from '../../scripts/release/build.js';
import { buildReleaseDocument } from '../../scripts/release/release-doc.js';
import { planVersion, type ReleaseKind } from '../../scripts/release/versioning.js';
import { entriesWith } from '../../scripts/engine/change.js';
import { ROOT } from '../helpers/run-cli.js';
import { MINIMAL_SETTINGS, subprocessorYaml, tempDir, writeTree } from '../helpers/temp-registry.js';
import { RELEASED_AT } from './fixtures.js';

const shipped = await loadRegistry(directorySource('registry', ROOT));
if (!shipped.settings) throw new Error('the shipped registry has no settings');
const settings: RegistrySettings = shipped.settings.value;
const subprocessors: readonly Subprocessor[] = shipped.subprocessors.map((s) => s.value);

function releaseOf(subs: readonly Subprocessor[], version: string, schemaVersion?: string, base: RegistrySettings = settings): Release {
  const doc = buildReleaseDocument({
    settings: base,
    subprocessors: subs,
    version,
    releasedAt: new Date(RELEASED_AT),
    commit: 'a'.repeat(40),
  });
  return schemaVersion === undefined ? doc : { ...doc, schemaVersion };
}

type Content = Parameters<typeof planVersion>[1];

function contentOf(subs: readonly Subprocessor[], base: RegistrySettings = settings): Content {
  return { controller: base.controller, noticePeriodDays: base.noticePeriodDays, categories: base.categories, subprocessors: [...subs] };
}

/** A deep copy of the shipped list with one vendor changed (or the list itself changed). */
function edited(edit: (byId: (id: string) => Subprocessor, list: Subprocessor[]) => void): Subprocessor[] {
  const list = structuredClone(subprocessors) as Subprocessor[];
  const byId = (id: string) => {
    const found = list.find((s) => s.id === id);
    if (!found) throw new Error(`no subprocessor ${id} in the shipped registry`);
    return found;
  };
  edit(byId, list);
  return list;
}

const newVendor: Subprocessor = {
  id: 'acme-analytics',
  name: 'Acme Analytics',
  category: 'others',
  tasks: ['Product analytics'],
  locations: [{ place: 'DE', mechanism: 'none' }],
  status: 'active',
};

const retire = (s: Subprocessor) => {
  s.status = 'retired';
  s.retired = { on: '2026-10-31', reason: 'The contract ended.' };
};

/** With a previous release at 1.2.3 of the shipped list (schema 1.x). */
const CHANGES: [string, Subprocessor[], ReleaseKind, string][] = [
  [
    'a task text changed',
    edited((id) => {
      id('braintree').tasks = ['Payment management and refunds'];
    }),
    'patch',
    '1.2.4',
  ],
  [
    'a service text changed',
    edited((id) => {
      id('zendesk').service = 'Customer relationship management';
    }),
    'patch',
    '1.2.4',
  ],
  [
    'a mechanism detail changed',
    edited((id) => {
      id('zendesk').locations[0].mechanismDetail = 'data hosted in Germany';
    }),
    'patch',
    '1.2.4',
  ],
  [
    'a place removed',
    edited((id) => {
      const klarna = id('klarna');
      klarna.locations = [klarna.locations[0]];
    }),
    'patch',
    '1.2.4',
  ],
  [
    'a vendor added',
    edited((_id, list) => {
      list.push(newVendor);
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a vendor retired',
    edited((id) => {
      retire(id('twilio'));
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a vendor deleted outright',
    edited((_id, list) => {
      list.splice(
        list.findIndex((s) => s.id === 'twilio'),
        1,
      );
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a new place',
    edited((id) => {
      id('zendesk').locations.push({ place: 'US', mechanism: 'dpf' });
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a mechanism change',
    edited((id) => {
      id('twilio').locations[0].mechanism = 'scc';
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a "[US Only]" vendor now serving every user (the same place and mechanism)',
    edited((id) => {
      delete id('heartbeat-health').users;
    }),
    'minor',
    '1.3.0',
  ],
  [
    'a user scope narrowed',
    edited((id) => {
      const us = id('klarna').locations.find((l) => l.place === 'US');
      if (us) us.users = ['US'];
    }),
    'patch',
    '1.2.4',
  ],
  [
    'a notice-worthy change together with a text change',
    edited((id, list) => {
      id('braintree').tasks = ['Payment management and refunds'];
      list.push(newVendor);
    }),
    'minor',
    '1.3.0',
  ],
];

describe('planVersion', () => {
  const previous = releaseOf(subprocessors, '1.2.3');

  it('the first release is 1.0.0, kind initial', () => {
    expect(planVersion(undefined, contentOf(subprocessors), false)).toEqual({ version: '1.0.0', kind: 'initial' });
    expect(planVersion(undefined, contentOf(subprocessors), true)).toEqual({ version: '1.0.0', kind: 'initial' });
  });

  it('nothing changed: no release', () => {
    expect(planVersion(previous, contentOf(subprocessors), false)).toBeUndefined();
  });

  it('nothing changed but the key order of the entries: no release', () => {
    const reordered = subprocessors.map((s) => Object.fromEntries(Object.entries(s).reverse()) as unknown as Subprocessor);
    expect(planVersion(previous, contentOf(reordered), false)).toBeUndefined();
  });

  it('nothing changed, --reissue: a patch release of kind reissue', () => {
    expect(planVersion(previous, contentOf(subprocessors), true)).toMatchObject({ version: '1.2.4', kind: 'reissue' });
  });

  it.each(CHANGES)('%s: %s release %s', (_name, next, kind, version) => {
    const plan = planVersion(previous, contentOf(next), false);
    expect(plan).toMatchObject({ kind, version });
    expect(plan?.change).toBeDefined();
    // --reissue changes nothing when there is a change anyway.
    expect(planVersion(previous, contentOf(next), true)).toMatchObject({ kind, version });
  });

  it('a retired vendor engaged again: minor, and the change says reactivated', () => {
    const withRetired = edited((id) => {
      retire(id('twilio'));
    });
    const plan = planVersion(releaseOf(withRetired, '2.0.5'), contentOf(subprocessors), false);
    expect(plan).toMatchObject({ kind: 'minor', version: '2.1.0' });
    expect(plan?.change ? entriesWith(plan.change, 'reactivated').map((e) => e.id) : []).toEqual(['twilio']);
  });

  it.each([
    ['the notice period', { ...settings, noticePeriodDays: settings.noticePeriodDays + 15 }],
    ['the controller', { ...settings, controller: { ...settings.controller, contact: 'privacy@example.com' } }],
    ['the categories', { ...settings, categories: [...settings.categories].reverse() as RegistrySettings['categories'] }],
  ])('a change of %s alone: patch', (_name, next) => {
    expect(planVersion(previous, contentOf(subprocessors, next), false)).toMatchObject({ kind: 'patch', version: '1.2.4' });
  });

  it.each([
    ['an older schema major, nothing changed', '0.9.0', subprocessors],
    ['an older schema major, a vendor added', '0.3.1', CHANGES[4]?.[1] ?? []],
    ['a newer schema major', '2.0.0', subprocessors],
  ])('%s: major release', (_name, schemaVersion, next) => {
    expect(planVersion(releaseOf(subprocessors, '1.2.3', schemaVersion), contentOf(next), false)).toMatchObject({
      kind: 'major',
      version: '2.0.0',
    });
  });

  it('the same schema major with another minor is no major release', () => {
    expect(planVersion(releaseOf(subprocessors, '1.2.3', '1.7.0'), contentOf(subprocessors), false)).toBeUndefined();
  });
});

describe('buildRelease on a registry read from disk', () => {
  // File names sort "acme-eu.yaml" before "acme.yaml" ('-' < '.'); ids sort "acme" before "acme-eu".
  const temp = tempDir('subproc-order-');
  afterAll(temp.cleanup);
  writeTree(temp.dir, {
    'registry/registry.yaml': MINIMAL_SETTINGS,
    'registry/subprocessors/acme.yaml': subprocessorYaml('acme'),
    'registry/subprocessors/acme-eu.yaml': subprocessorYaml('acme-eu'),
  });

  // BUG (reported): planVersion compares the previous document's list, sorted by id, with the registry's list in
  // file order; they differ when one id is a prefix of another followed by "-", so an unchanged registry gets a patch
  // release ("Registry settings updated.") on every run. Remove `.fails` once fixed.
  it('an unchanged registry whose file order differs from id order: no release', async () => {
    const registry = await loadRegistry(directorySource('registry', temp.dir));
    if (!registry.settings) throw new Error('no settings');
    const input = {
      settings: registry.settings.value,
      subprocessors: registry.subprocessors.map((s) => s.value),
      releasedAt: new Date(RELEASED_AT),
      commit: 'b'.repeat(40),
      reissue: false,
    };
    const first = buildRelease(input);
    if (!first.built) throw new Error('the first build made no release');
    expect(buildRelease({ ...input, previous: { doc: first.doc } })).toEqual({ built: false, version: '1.0.0' });
  });
});
