import { isDeepStrictEqual } from 'node:util';
import type { Location, Subprocessor } from '../generated/subprocessor.js';
import type { LoadedFile } from '../registry/load.js';
import type { Snapshot } from './policy.js';

export interface FieldChange {
  /** A top-level field, or locations[PLACE].field for a place present on both sides. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface Modified {
  readonly before: LoadedFile<Subprocessor>;
  readonly after: LoadedFile<Subprocessor>;
  readonly fields: readonly FieldChange[];
  readonly placesAdded: readonly { index: number; location: Location }[];
  readonly placesRemoved: readonly Location[];
  readonly mechanismChanges: readonly { index: number; place: string; before?: string; after?: string }[];
}

/** What a change does to the registry: the plan every history policy and every report reads. */
export interface Change {
  readonly added: readonly LoadedFile<Subprocessor>[];
  /** Files present in the base and gone from the head: history erased. */
  readonly deleted: readonly { id: string; file: string; before?: LoadedFile<Subprocessor> }[];
  /** Entries whose status went from active to retired. */
  readonly retired: readonly Modified[];
  /** Retired entries made active again: for customers, a new engagement that needs notice like an addition. */
  readonly reactivated: readonly Modified[];
  /** Every entry that changed in any other way (retired ones included when more than the status changed). */
  readonly modified: readonly Modified[];
}

/**
 * How a location is recognised across the change: by its place, or by place and user scope when the entry lists
 * one place twice for different users. A changed scope on a single place is a modification, not a new place.
 */
function placeKeys(locations: readonly Location[]): (location: Location) => string {
  const count = new Map<string, number>();
  for (const l of locations) count.set(l.place, (count.get(l.place) ?? 0) + 1);
  return (l) => ((count.get(l.place) ?? 0) > 1 ? `${l.place}|${[...(l.users ?? [])].sort().join(',')}` : l.place);
}

function diffEntry(before: LoadedFile<Subprocessor>, after: LoadedFile<Subprocessor>): Modified {
  const fields: FieldChange[] = [];
  const keys = new Set([...Object.keys(before.value), ...Object.keys(after.value)]);
  for (const key of keys) {
    if (key === 'locations') continue;
    const a = (before.value as unknown as Record<string, unknown>)[key];
    const b = (after.value as unknown as Record<string, unknown>)[key];
    if (!isDeepStrictEqual(a, b)) fields.push({ field: key, before: a, after: b });
  }
  const oldKey = placeKeys(before.value.locations);
  const newKey = placeKeys(after.value.locations);
  const oldPlaces = new Map(before.value.locations.map((l) => [oldKey(l), l]));
  const newKeys = new Set(after.value.locations.map(newKey));
  const placesAdded: Modified['placesAdded'][number][] = [];
  const mechanismChanges: Modified['mechanismChanges'][number][] = [];
  after.value.locations.forEach((location, index) => {
    const old = oldPlaces.get(newKey(location));
    if (!old) {
      placesAdded.push({ index, location });
      fields.push({ field: `locations[${location.place}]`, after: location });
      return;
    }
    if (old.mechanism !== location.mechanism) {
      mechanismChanges.push({ index, place: location.place, before: old.mechanism, after: location.mechanism });
    }
    for (const key of new Set([...Object.keys(old), ...Object.keys(location)]) as Set<keyof Location>) {
      if (!isDeepStrictEqual(old[key], location[key]))
        fields.push({ field: `locations[${location.place}].${key}`, before: old[key], after: location[key] });
    }
  });
  const placesRemoved = before.value.locations.filter((l) => !newKeys.has(oldKey(l)));
  for (const location of placesRemoved) fields.push({ field: `locations[${location.place}]`, before: location });
  return { before, after, fields, placesAdded, placesRemoved, mechanismChanges };
}

/** Pure: two snapshots in, the change between them out. */
export function computeChange(before: Snapshot, after: Snapshot): Change {
  const added: LoadedFile<Subprocessor>[] = [];
  const retired: Modified[] = [];
  const reactivated: Modified[] = [];
  const modified: Modified[] = [];
  for (const entry of after.subprocessors) {
    const old = before.byId.get(entry.value.id);
    if (!old) {
      // An entry whose base file was broken is not new: it existed, only unreadable.
      if (!before.files.has(entry.value.id)) added.push(entry);
      continue;
    }
    if (isDeepStrictEqual(old.value, entry.value)) continue;
    const diff = diffEntry(old, entry);
    if (old.value.status === 'active' && entry.value.status === 'retired') retired.push(diff);
    if (old.value.status === 'retired' && entry.value.status === 'active') reactivated.push(diff);
    if (diff.fields.some((f) => !['status', 'retired'].includes(f.field))) modified.push(diff);
  }
  const deleted = [...before.files]
    .filter(([id]) => !after.files.has(id))
    .map(([id, file]) => {
      const old = before.byId.get(id);
      return old ? { id, file, before: old } : { id, file };
    });
  return { added, deleted, retired, reactivated, modified };
}
