import { describe, expect, it } from 'vitest';
import { changeItems, computeChange, releaseLevel } from '../../scripts/engine/change.js';
import type { Subprocessor } from '../../scripts/generated/subprocessor.js';
import { changeLines } from '../../scripts/release/changelog.js';

/* A special category (GDPR Art. 9 or 10) added to a vendor or a place: notice, a minor release, its own changelog line. */

const vendor: Subprocessor = {
  id: 'labs',
  name: 'Labs',
  category: 'others',
  tasks: ['Analyses samples'],
  dataCategories: ['identifying'],
  locations: [
    { place: 'FR', mechanism: 'none' },
    { place: 'US', mechanism: 'scc', dataCategories: ['contact'] },
  ],
  status: 'active',
};

const change = (before: Subprocessor, after: Subprocessor) =>
  computeChange({ entries: new Map([[before.id, before]]) }, { entries: new Map([[after.id, after]]) });

const withPlaces = (locations: Subprocessor['locations']): Subprocessor => ({ ...vendor, locations });

describe('special-data-added', () => {
  it('is reported once for the vendor when its own list gains health data, and makes a minor release', () => {
    const c = change(vendor, { ...vendor, dataCategories: ['identifying', 'health', 'contact'] });
    expect(changeItems(c).map((i) => i.kind)).toEqual(['special-data-added']);
    expect(changeItems(c)[0]).toMatchObject({ categories: ['health'] });
    expect(releaseLevel(c)).toBe('minor');
    expect(changeLines(c, '2026-11-30')).toEqual({ notice: ['Labs now processes Health data (Art. 9).'], other: [] });
  });

  it('is reported for a place whose own list gains criminal-record data, named with the place', () => {
    const after = withPlaces([vendor.locations[0], { place: 'US', mechanism: 'scc', dataCategories: ['contact', 'criminal-convictions'] }]);
    const c = change(vendor, after);
    expect(changeItems(c)).toEqual([
      expect.objectContaining({ kind: 'special-data-added', index: 1, categories: ['criminal-convictions'] }),
    ]);
    expect(changeLines(c, '2026-11-30').notice).toEqual(['Labs now processes Criminal convictions and offences (Art. 10) in US.']);
  });

  it('counts what a place processes: dropping its own list takes the vendor’s special data there', () => {
    const before: Subprocessor = { ...vendor, dataCategories: ['health'] };
    const after = withPlaces([vendor.locations[0], { place: 'US', mechanism: 'scc' }]);
    after.dataCategories = ['health'];
    expect(changeItems(change(before, after))).toEqual([
      expect.objectContaining({ kind: 'special-data-added', index: 1, categories: ['health'] }),
    ]);
  });

  it('is not reported for a category that is not special, or for a special one removed: those are edits', () => {
    expect(changeItems(change(vendor, { ...vendor, dataCategories: ['identifying', 'contact'] })).map((i) => i.kind)).toEqual(['edited']);
    const health: Subprocessor = { ...vendor, dataCategories: ['health'] };
    const c = change(health, vendor);
    expect(changeItems(c).map((i) => i.kind)).toEqual(['edited']);
    expect(releaseLevel(c)).toBe('patch');
  });
});
