import { CHANGE_KINDS, changeItems, computeChange, needsNotice, type ChangeItem } from '../engine/change.js';
import type { ReleaseDiff } from '../generated/diff.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { visible } from '../registry/invisible.js';
import { changeLines, NOTE_ORDER as KIND_ORDER } from './changelog.js';
import { registryEntry, releaseDay } from './release-doc.js';
import { compareSemver } from './semver.js';

export type { ReleaseDiff };
export type ReleaseDiffItem = ReleaseDiff['items'][number];

export interface DiffOptions {
  /** Whether the caller verified both documents' signatures before handing them in; reported, not checked here. */
  readonly verified?: boolean;
  /** Where each side was read from, for the JSON output. */
  readonly sources?: { readonly old?: string; readonly new?: string };
}

function entriesOf(doc: Release): Map<string, Subprocessor> {
  // What the registry wrote, not what the release date made of it: a date passing alone is no change (as in versioning).
  return new Map(doc.subprocessors.map((s) => [s.id, registryEntry(s)]));
}

/** The release notes' line for one item: changeLines on a change holding that item alone, so the words stay one. */
function lineOf(item: ChangeItem, day: string, role: NonNullable<Release['controller']['role']>, scopes: Release['scopes']): string {
  const { notice, other } = changeLines({ entries: [{ id: item.id, items: [item], fields: [] }] }, day, role, scopes);
  return [...notice, ...other][0] ?? item.kind;
}

/**
 * What changed for customers from one release to another, item by item, customer notice first. The documents are
 * trusted as given: verify them first (verifyRelease) when they come from elsewhere.
 */
export function diffReleases(oldDoc: Release, newDoc: Release, options: DiffOptions = {}): ReleaseDiff {
  const change = computeChange({ entries: entriesOf(oldDoc) }, { entries: entriesOf(newDoc) });
  const day = releaseDay(newDoc.releasedAt);
  const role = newDoc.controller.role ?? 'controller';
  const items = changeItems(change)
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        Number(needsNotice(b.item.kind)) - Number(needsNotice(a.item.kind)) ||
        KIND_ORDER.indexOf(a.item.kind) - KIND_ORDER.indexOf(b.item.kind) ||
        a.index - b.index,
    )
    .map(({ item }): ReleaseDiffItem => ({
      kind: item.kind,
      id: item.id,
      name: item.entry?.name ?? oldDoc.subprocessors.find((s) => s.id === item.id)?.name ?? item.id,
      needsNotice: CHANGE_KINDS[item.kind].notice,
      text: lineOf(item, day, role, newDoc.scopes),
    }));
  const side = (doc: Release, source: string | undefined) => ({
    version: doc.version,
    releasedAt: doc.releasedAt,
    ...(source !== undefined ? { source } : {}),
  });
  return {
    tool: 'subproc',
    old: side(oldDoc, options.sources?.old),
    new: side(newDoc, options.sources?.new),
    verified: options.verified === true,
    ...(compareSemver(oldDoc.version, newDoc.version) > 0 ? { oldIsNewer: true } : {}),
    changed: items.length > 0,
    items,
  };
}

/**
 * The diff for people: "1.0.0 (2026-11-30) → 1.1.0 (2026-12-07)", then the changes customers must be told of, then
 * the others. Registry text is shown with invisible characters made visible, never obeyed by the terminal.
 */
export function renderDiffText(diff: ReleaseDiff): string {
  const header = `${diff.old.version} (${diff.old.releasedAt.slice(0, 10)}) → ${diff.new.version} (${diff.new.releasedAt.slice(0, 10)})`;
  const out = [header, ''];
  if (!diff.changed) return [...out, 'No changes to the subprocessors.', ''].join('\n');
  const notice = diff.items.filter((i) => i.needsNotice);
  const other = diff.items.filter((i) => !i.needsNotice);
  const list = (items: readonly ReleaseDiffItem[]) => items.map((i) => `  - ${visible(i.text)}`);
  if (notice.length > 0) out.push(`Changes that need customer notice (${notice.length}):`, ...list(notice), '');
  if (other.length > 0) out.push(`Other changes (${other.length}):`, ...list(other), '');
  return out.join('\n');
}
