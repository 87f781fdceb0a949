import { isDeepStrictEqual } from 'node:util';
import type { DataCategory, Location, ScopeCondition, Subprocessor, TransferMechanism } from '../generated/subprocessor.js';
import { categoriesAt, dataCategory } from '../registry/data-vocabulary.js';
import { mechanismsOf, sameMechanismSet, writtenMechanisms } from '../registry/location-mechanisms.js';
import { scopeContains } from '../registry/places.js';
import { conditionContains, sameCondition } from '../registry/scopes.js';

/** Every way a change can touch one subprocessor. */
export type ChangeKind =
  | 'added'
  | 'retired'
  | 'reactivated'
  | 'deleted'
  | 'place-added'
  | 'place-removed'
  | 'mechanism-changed'
  | 'users-widened'
  | 'users-narrowed'
  | 'scope-widened'
  | 'scope-narrowed'
  | 'special-data-added'
  | 'edited';

export type ReleaseLevel = 'minor' | 'patch';

/**
 * The one answer to "what changed, and who must be told": whether customers need notice (GDPR Art. 28(2) and (4):
 * an intended addition or replacement, and in practice any change to where their data goes or on what basis), and
 * the release level it makes. The notice policy, versioning, the changelog and every report read this table.
 */
export const CHANGE_KINDS = {
  added: { notice: true, level: 'minor', label: 'added' },
  retired: { notice: true, level: 'minor', label: 'retired' },
  // A retired vendor engaged again is, for customers, a new subprocessor.
  reactivated: { notice: true, level: 'minor', label: 're-engaged' },
  // Deleting a file is an error (vendor-removed), yet the vendor is gone from the list all the same: say so.
  deleted: { notice: true, level: 'minor', label: 'deleted' },
  'place-added': { notice: true, level: 'minor', label: 'new place' },
  'place-removed': { notice: false, level: 'patch', label: 'place removed' },
  'mechanism-changed': { notice: true, level: 'minor', label: 'mechanism changed' },
  // More users' data going to the same place is, for the users added, a new destination: as much as a new place.
  'users-widened': { notice: true, level: 'minor', label: 'user scope widened' },
  'users-narrowed': { notice: false, level: 'patch', label: 'user scope narrowed' },
  // A product, feature or residency scope (when:) that no longer contains the old one reaches customers it did not:
  // for them it is a new subprocessor or place. Narrowed, fewer customers' data goes there, like a place removed.
  'scope-widened': { notice: true, level: 'minor', label: 'scope widened' },
  'scope-narrowed': { notice: false, level: 'patch', label: 'scope narrowed' },
  // Health, genetic, biometric or criminal-record data (GDPR Art. 9 and 10) now sent to a vendor that did not get it
  // changes what a customer agreed to as much as a new place does: the same vendor, a different risk to object to.
  'special-data-added': { notice: true, level: 'minor', label: 'special data added' },
  edited: { notice: false, level: 'patch', label: 'edited' },
} as const satisfies Record<ChangeKind, { notice: boolean; level: ReleaseLevel; label: string }>;

/** The kinds customers must be told of, as a type: exhaustive tables over them follow the table above. */
export type NoticeKind = { [K in ChangeKind]: (typeof CHANGE_KINDS)[K]['notice'] extends true ? K : never }[ChangeKind];

export function needsNotice(kind: ChangeKind): kind is NoticeKind {
  return CHANGE_KINDS[kind].notice;
}

export interface FieldChange {
  /** A top-level field, or locations[PLACE].field for a place present on both sides. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** One classified change to one subprocessor. `entry` is the entry after the change (before it, when deleted). */
export type ChangeItem =
  | { readonly kind: 'added' | 'retired' | 'reactivated'; readonly id: string; readonly entry: Subprocessor }
  | { readonly kind: 'deleted'; readonly id: string; readonly entry?: Subprocessor }
  | {
      readonly kind: 'place-added' | 'place-removed';
      readonly id: string;
      readonly entry: Subprocessor;
      readonly location: Location;
      /** Index in the entry's locations: after the change for an added place, before it for a removed one. */
      readonly index: number;
    }
  | {
      readonly kind: 'mechanism-changed';
      readonly id: string;
      readonly entry: Subprocessor;
      readonly location: Location;
      readonly index: number;
      /** The mechanisms in order of preference (mechanismsOf), before and after; empty while none was given. */
      readonly before: readonly TransferMechanism[];
      readonly after: readonly TransferMechanism[];
    }
  | {
      readonly kind: 'users-widened' | 'users-narrowed';
      readonly id: string;
      readonly entry: Subprocessor;
      /** The location whose scope changed; absent when the entry's own `users` changed. */
      readonly location?: Location;
      readonly index?: number;
      readonly before?: readonly string[];
      readonly after?: readonly string[];
    }
  | {
      readonly kind: 'scope-widened' | 'scope-narrowed';
      readonly id: string;
      readonly entry: Subprocessor;
      /** The location whose when: changed; absent when the entry's own when: changed. */
      readonly location?: Location;
      readonly index?: number;
      /** Absent: applies whatever the product, feature or residency. */
      readonly before?: ScopeCondition;
      readonly after?: ScopeCondition;
    }
  | {
      readonly kind: 'special-data-added';
      readonly id: string;
      readonly entry: Subprocessor;
      /** The location whose own dataCategories gained them; absent when the entry's dataCategories did. */
      readonly location?: Location;
      readonly index?: number;
      /** The Art. 9 or Art. 10 categories processed now that were not before, in the order written. */
      readonly categories: readonly DataCategory[];
    }
  | { readonly kind: 'edited'; readonly id: string; readonly entry: Subprocessor; readonly fields: readonly FieldChange[] };

/** The item of one kind, for tables over kinds. */
export type ItemOf<K extends ChangeKind> = ChangeItem & { readonly kind: K };

/** Everything that changed about one subprocessor. */
export interface EntryChange {
  readonly id: string;
  readonly before?: Subprocessor;
  readonly after?: Subprocessor;
  /** Where the entry is: the head's file, or the base's for a deleted one; absent when the side has no files. */
  readonly file?: string;
  readonly items: readonly ChangeItem[];
  /** Every field that differs, status included, for reports that list them. */
  readonly fields: readonly FieldChange[];
}

/** What a change does to the registry: the plan every history policy, report and release reads. */
export interface Change {
  /** In the head's file order, then the deleted entries in the base's order. */
  readonly entries: readonly EntryChange[];
}

/** One side of a change: the valid entries by id, and (for a registry read from files) every file present. */
export interface ChangeSide {
  readonly entries: ReadonlyMap<string, Subprocessor>;
  /** id → path of every file, readable or not; defaults to the entries' ids, for sides with no files. */
  readonly files?: ReadonlyMap<string, string>;
}

export function changeItems(change: Change): ChangeItem[] {
  return change.entries.flatMap((e) => e.items);
}

/** The entries whose change includes an item of this kind. */
export function entriesWith(change: Change, kind: ChangeKind): EntryChange[] {
  return change.entries.filter((e) => e.items.some((i) => i.kind === kind));
}

const ENTRY_KINDS: ReadonlySet<ChangeKind> = new Set(['added', 'retired', 'reactivated', 'deleted']);

/** Entries changed in some other way than being added, retired, re-engaged or deleted. */
export function modifiedEntries(change: Change): EntryChange[] {
  return change.entries.filter((e) => e.items.some((i) => !ENTRY_KINDS.has(i.kind)));
}

/** The release level a change makes: minor when customers must be told of any part, patch otherwise. */
export function releaseLevel(change: Change): ReleaseLevel | undefined {
  const items = changeItems(change);
  if (items.length === 0) return undefined;
  return items.some((i) => CHANGE_KINDS[i.kind].level === 'minor') ? 'minor' : 'patch';
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

/**
 * Widened when the new scope reaches users the old one did not (every user after a scope, North America after the
 * US); narrowed otherwise. Containment follows the place vocabulary's regions (EU within EEA within EUROPE).
 */
function scopeChange(before: readonly string[] | undefined, after: readonly string[] | undefined): 'users-widened' | 'users-narrowed' {
  return scopeContains(before, after) ? 'users-narrowed' : 'users-widened';
}

function conditions(
  before: ScopeCondition | undefined,
  after: ScopeCondition | undefined,
): { before?: ScopeCondition; after?: ScopeCondition } {
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

function whenChange(before: ScopeCondition | undefined, after: ScopeCondition | undefined): 'scope-widened' | 'scope-narrowed' {
  return conditionContains(before, after) ? 'scope-narrowed' : 'scope-widened';
}

const STATUS_FIELDS: ReadonlySet<string> = new Set(['status', 'retired']);

/** The special (Art. 9 or 10) categories in `after` that `before` does not have. */
function specialAdded(before: readonly DataCategory[], after: readonly DataCategory[]): DataCategory[] {
  return after.filter((id) => dataCategory(id)?.special !== undefined && !before.includes(id));
}

function diffEntry(before: Subprocessor, after: Subprocessor): { items: ChangeItem[]; fields: FieldChange[] } {
  const id = after.id;
  const items: ChangeItem[] = [];
  const fields: FieldChange[] = [];
  const edited: FieldChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'locations') continue;
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if (isDeepStrictEqual(a, b)) continue;
    const field = { field: key, before: a, after: b };
    fields.push(field);
    if (key === 'users')
      items.push({ kind: scopeChange(before.users, after.users), id, entry: after, before: before.users, after: after.users });
    else if (key === 'when' && !sameCondition(before.when, after.when))
      items.push({ kind: whenChange(before.when, after.when), id, entry: after, ...conditions(before.when, after.when) });
    else if (key === 'dataCategories' && specialAdded(before.dataCategories ?? [], after.dataCategories ?? []).length > 0)
      items.push({
        kind: 'special-data-added',
        id,
        entry: after,
        categories: specialAdded(before.dataCategories ?? [], after.dataCategories ?? []),
      });
    else if (!STATUS_FIELDS.has(key)) edited.push(field);
  }
  if (before.status === 'active' && after.status === 'retired') items.unshift({ kind: 'retired', id, entry: after });
  if (before.status === 'retired' && after.status === 'active') items.unshift({ kind: 'reactivated', id, entry: after });

  const oldKey = placeKeys(before.locations);
  const newKey = placeKeys(after.locations);
  const oldPlaces = new Map(before.locations.map((l) => [oldKey(l), l]));
  const newKeys = new Set(after.locations.map(newKey));
  after.locations.forEach((location, index) => {
    const old = oldPlaces.get(newKey(location));
    if (!old) {
      items.push({ kind: 'place-added', id, entry: after, location, index });
      fields.push({ field: `locations[${location.place}]`, after: location });
      return;
    }
    // A mechanism added to or dropped from the list is a safeguard customers have not heard of, or one that no
    // longer protects their data: notice. The same mechanisms in another order (or `mechanism: scc` rewritten as
    // `mechanisms: [scc]`) is only an edit: each was disclosed already, and the order says which the vendor relies
    // on first, not whether the transfer is covered, so customers have nothing new to object to.
    if (!sameMechanismSet(old, location)) {
      items.push({
        kind: 'mechanism-changed',
        id,
        entry: after,
        location,
        index,
        before: mechanismsOf(old),
        after: mechanismsOf(location),
      });
    }
    if (!isDeepStrictEqual(old.users, location.users)) {
      items.push({
        kind: scopeChange(old.users, location.users),
        id,
        entry: after,
        location,
        index,
        before: old.users,
        after: location.users,
      });
    }
    if (!sameCondition(old.when, location.when)) {
      items.push({ kind: whenChange(old.when, location.when), id, entry: after, location, index, ...conditions(old.when, location.when) });
    }
    // Judged on what the place processes (its own list, else the vendor's), and only when its own list changed: a
    // vendor-wide addition is reported once, for the vendor.
    const special = isDeepStrictEqual(old.dataCategories, location.dataCategories)
      ? []
      : specialAdded(categoriesAt(before, old), categoriesAt(after, location));
    if (special.length > 0) items.push({ kind: 'special-data-added', id, entry: after, location, index, categories: special });
    const locationEdits: FieldChange[] = [];
    for (const key of new Set([...Object.keys(old), ...Object.keys(location)]) as Set<keyof Location>) {
      if (isDeepStrictEqual(old[key], location[key])) continue;
      const field = { field: `locations[${location.place}].${key}`, before: old[key], after: location[key] };
      fields.push(field);
      if (key === 'when' && !sameCondition(old.when, location.when)) continue;
      if (key === 'dataCategories' && special.length > 0) continue;
      if (key !== 'mechanism' && key !== 'mechanisms' && key !== 'users') locationEdits.push(field);
    }
    const [written, writtenNow] = [writtenMechanisms(old), writtenMechanisms(location)];
    if (sameMechanismSet(old, location) && !isDeepStrictEqual(written, writtenNow)) {
      locationEdits.push({ field: `locations[${location.place}].mechanisms`, before: written, after: writtenNow });
    }
    edited.push(...locationEdits);
  });
  before.locations.forEach((location, index) => {
    if (newKeys.has(oldKey(location))) return;
    items.push({ kind: 'place-removed', id, entry: after, location, index });
    fields.push({ field: `locations[${location.place}]`, before: location });
  });
  if (edited.length > 0) items.push({ kind: 'edited', id, entry: after, fields: edited });
  return { items, fields };
}

/** Pure: two sides in, the change between them out. */
export function computeChange(before: ChangeSide, after: ChangeSide): Change {
  const beforeFiles = before.files ?? before.entries;
  const afterFiles = after.files ?? after.entries;
  const entries: EntryChange[] = [];
  const fileOf = (files: ChangeSide['files'], id: string) => files?.get(id);
  for (const [id, entry] of after.entries) {
    const old = before.entries.get(id);
    const file = fileOf(after.files, id);
    const at = file !== undefined ? { file } : {};
    if (!old) {
      // An entry whose base file was broken is not new: it existed, only unreadable.
      if (!beforeFiles.has(id)) entries.push({ id, after: entry, ...at, items: [{ kind: 'added', id, entry }], fields: [] });
      continue;
    }
    // The same object when both sides share the loaded file (a check loads an unchanged file once).
    if (old === entry || isDeepStrictEqual(old, entry)) continue;
    const { items, fields } = diffEntry(old, entry);
    entries.push({ id, before: old, after: entry, ...at, items, fields });
  }
  for (const id of beforeFiles.keys()) {
    if (afterFiles.has(id)) continue;
    const old = before.entries.get(id);
    const file = fileOf(before.files, id);
    entries.push({
      id,
      ...(old ? { before: old } : {}),
      ...(file !== undefined ? { file } : {}),
      items: [old ? { kind: 'deleted', id, entry: old } : { kind: 'deleted', id }],
      fields: [],
    });
  }
  return { entries };
}
