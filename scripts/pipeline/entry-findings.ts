import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { judge, skipReason, type Judgement } from '../engine/evaluate.js';
import { lawDateSpan } from '../engine/law-dates.js';
import type { Policy, PolicyContext } from '../engine/policy.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import type { FileCache } from '../registry/file-cache.js';
import type { LoadedFile } from '../registry/load.js';

// The per-entry policies (Policy.perEntry) say of each entry what they would say of it alone. A check therefore
// judges only the entries whose findings it does not know yet: an entry both sides hold takes the other side's, and
// the file cache keeps a side's findings between runs, so that on a warm cache a pull request's review judges the
// handful of entries it changed rather than all of them.

type Entry = LoadedFile<Subprocessor>;

/** One entry's diagnostics from the per-entry policies, by policy id, located, before waivers. */
export type EntryDiagnostics = Readonly<Record<string, readonly Diagnostic[]>>;

export interface PerEntryJudgement {
  /** Each policy's judgement over all the entries, its diagnostics entry by entry in file order. */
  readonly judgements: ReadonlyMap<string, Judgement>;
  /** What each entry got, when every finding was about the entry it was reported at (the policies kept their word). */
  readonly byEntry?: ReadonlyMap<Entry, EntryDiagnostics>;
}

/**
 * Runs the per-entry policies over the entries of `context.after` that `known` has no findings for, and composes each
 * policy's diagnostics entry by entry, in file order: the same list whichever entries were known, so a run that knew
 * some gives what a run that knew none gives, byte for byte.
 */
export function judgePerEntry(
  policies: readonly Policy[],
  context: PolicyContext,
  known: (entry: Entry) => EntryDiagnostics | undefined,
): PerEntryJudgement {
  const entries = context.after.subprocessors;
  const byEntry = new Map<Entry, EntryDiagnostics>();
  const fresh: Entry[] = [];
  for (const entry of entries) {
    const found = known(entry);
    if (found) byEntry.set(entry, found);
    else fresh.push(entry);
  }
  const freshByFile = new Map(fresh.map((entry) => [entry.file, entry]));
  const collected = new Map<Entry, Record<string, Diagnostic[]>>(fresh.map((entry) => [entry, {}]));
  const scoped: PolicyContext = { ...context, after: { ...context.after, subprocessors: fresh } };
  const judgements = new Map<string, Judgement>();
  for (const policy of policies) {
    const judgement = judge(policy, scoped);
    if ('skipped' in judgement) {
      judgements.set(policy.id, judgement);
      continue;
    }
    for (const record of collected.values()) record[policy.id] = [];
    for (const diagnostic of judgement.diagnostics) {
      const entry = freshByFile.get(diagnostic.file);
      // A finding reported elsewhere than at its entry breaks the promise perEntry makes: judge the plain way.
      if (entry === undefined) return { judgements: new Map(policies.map((p) => [p.id, judge(p, context)])) };
      collected.get(entry)?.[policy.id]?.push(diagnostic);
    }
  }
  for (const [entry, record] of collected) byEntry.set(entry, record);
  for (const policy of policies) {
    if (judgements.has(policy.id)) continue;
    const diagnostics: Diagnostic[] = [];
    for (const entry of entries) {
      const found = byEntry.get(entry)?.[policy.id];
      if (found !== undefined) for (const diagnostic of found) diagnostics.push(diagnostic);
    }
    judgements.set(policy.id, { diagnostics });
  }
  return { judgements, byEntry };
}

/**
 * Everything besides an entry's bytes its per-entry findings depend on: which policies run, the judging settings
 * (waivers apart: they apply after), the laws' facts and where today falls among their dates. Two runs with the same
 * key say the same of the same entry.
 */
function judgingKey(policies: readonly Policy[], context: PolicyContext): string {
  const { settings } = context;
  const judged = {
    policies: policies.filter((p) => skipReason(p, context) === undefined).map((p) => p.id),
    fixed: [...context.fixedPolicies].sort(),
    overrides: settings.overrides,
    lawOverrides: settings.lawOverrides,
    noticePeriodDays: settings.noticePeriodDays,
    maxWaiverDays: settings.maxWaiverDays,
    establishment: settings.establishment ?? null,
    role: settings.role,
    transferScope: settings.transferScope ?? null,
    jurisdictions: settings.jurisdictions,
    laws: context.laws.map((law) => law.data),
    span: lawDateSpan(context.laws, context.today),
  };
  return createHash('sha256').update(JSON.stringify(judged)).digest('hex');
}

const listings = new WeakMap<Side, string | null>();

/** A side's entries as the record names them: each file with its blob id, or nothing when one has no known id. */
function listingOf(side: Side): string | undefined {
  const known = listings.get(side);
  if (known !== undefined) return known ?? undefined;
  const listing = digestOf(side);
  listings.set(side, listing ?? null);
  return listing;
}

function digestOf(side: Side): string | undefined {
  const parts: string[] = [];
  for (const entry of side.entries) {
    const oid = side.blobIds.get(entry.file);
    if (oid === undefined) return undefined;
    parts.push(entry.file, oid);
  }
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/**
 * Stored: the ids of the policies that ran, then the entries that got a finding, each with its file and its
 * diagnostics by policy. The record's name holds every entry's file and blob id: an entry it does not list got none.
 */
interface StoredFindings {
  readonly policies: readonly string[];
  readonly entries: readonly (readonly [string, EntryDiagnostics])[];
}

function isDiagnostic(value: unknown): value is Diagnostic {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.file === 'string' &&
    typeof d.policy === 'string' &&
    typeof d.messageId === 'string' &&
    typeof d.message === 'string' &&
    typeof d.severity === 'string' &&
    typeof d.line === 'number' &&
    typeof d.column === 'number' &&
    Array.isArray(d.path)
  );
}

/** The stored findings by file, when the record has exactly the shape written and was made by the same policies. */
function readStored(value: unknown, policies: readonly string[]): Map<string, EntryDiagnostics> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<Record<keyof StoredFindings, unknown>>;
  if (!Array.isArray(record.policies) || record.policies.join('\0') !== policies.join('\0') || !Array.isArray(record.entries))
    return undefined;
  const byFile = new Map<string, EntryDiagnostics>();
  for (const item of record.entries as unknown[]) {
    if (!Array.isArray(item) || item.length !== 2) return undefined;
    const [file, found] = item as unknown[];
    if (typeof file !== 'string' || typeof found !== 'object' || found === null) return undefined;
    const lists = found as Record<string, unknown>;
    if (Object.keys(lists).length !== policies.length) return undefined;
    for (const id of policies) {
      const list = lists[id];
      if (!Array.isArray(list) || !list.every(isDiagnostic)) return undefined;
    }
    byFile.set(file, lists as EntryDiagnostics);
  }
  return byFile;
}

/** A side of a check: its entries and their blob ids. */
export interface Side {
  readonly entries: readonly Entry[];
  readonly blobIds: ReadonlyMap<string, string>;
}

/**
 * The per-entry findings the file cache keeps for sides of a check, under one judging context. `lookup` finds those
 * of a side seen before; `known` answers for an entry of any side from them; `store` keeps a side's.
 */
export interface EntryFindingsCache {
  /** Loads what the cache holds for the first of these sides it holds anything for, for `known` to answer from. */
  lookup(sides: readonly Side[]): Side | undefined;
  /** The findings of an entry whose file and blob id are those of an entry of the side loaded. */
  known(entry: Entry, blobIds: ReadonlyMap<string, string>): EntryDiagnostics | undefined;
  /** Keeps a side's findings, unless they are the ones loaded. */
  store(side: Side, byEntry: ReadonlyMap<Entry, EntryDiagnostics>): void;
}

export function entryFindingsCache(fileCache: FileCache, policies: readonly Policy[], context: PolicyContext): EntryFindingsCache {
  const key = judgingKey(policies, context);
  const ran = policies.filter((p) => skipReason(p, context) === undefined).map((p) => p.id);
  const nothing: EntryDiagnostics = Object.freeze(Object.fromEntries(ran.map((id) => [id, Object.freeze([])])));
  const nameOf = (listing: string) => `entry-findings\0${key}\0${listing}`;
  let loaded: { side: Side; listing: string; entries: ReadonlySet<string>; byFile: Map<string, EntryDiagnostics> } | undefined;
  return {
    lookup(sides) {
      for (const side of sides) {
        const listing = listingOf(side);
        if (listing === undefined) continue;
        const byFile = readStored(fileCache.lookupRecord(nameOf(listing)), ran);
        if (byFile) {
          loaded = { side, listing, entries: new Set(side.entries.map((e) => e.file)), byFile };
          return side;
        }
      }
      return undefined;
    },
    known(entry, blobIds) {
      if (loaded === undefined || !loaded.entries.has(entry.file)) return undefined;
      const oid = blobIds.get(entry.file);
      if (oid === undefined || oid !== loaded.side.blobIds.get(entry.file)) return undefined;
      return loaded.byFile.get(entry.file) ?? nothing;
    },
    store(side, byEntry) {
      const listing = listingOf(side);
      if (listing === undefined || listing === loaded?.listing) return;
      const entries: [string, EntryDiagnostics][] = [];
      for (const entry of side.entries) {
        const found = byEntry.get(entry);
        if (found === undefined) return;
        if (Object.values(found).some((list) => list.length > 0)) entries.push([entry.file, found]);
      }
      const record: StoredFindings = { policies: ran, entries };
      fileCache.storeRecord(nameOf(listing), record);
    },
  };
}
