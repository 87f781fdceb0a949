import { isDeepStrictEqual } from 'node:util';
import { computeChange, type Change } from '../engine/change.js';
import type { Snapshot } from '../engine/policy.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { START } from '../registry/locate.js';
import { RELEASE_SCHEMA_VERSION } from './release-doc.js';
import { bump, parseSemver } from './semver.js';

export type ReleaseKind = 'initial' | 'major' | 'minor' | 'patch' | 'reissue';

function snapshot(subprocessors: readonly Subprocessor[]): Snapshot {
  // Release documents carry no source positions; the change computation does not need them.
  const files = subprocessors.map((value) => ({ file: `${value.id}.yaml`, value, locate: () => START }));
  return { subprocessors: files, byId: new Map(files.map((f) => [f.value.id, f])), files: new Map(files.map((f) => [f.value.id, f.file])) };
}

/** Changes customers must be told of: a vendor added, retired, engaged again or removed, a new place, a new mechanism. */
export function isNoticeWorthy(change: Change): boolean {
  return (
    change.added.length > 0 ||
    change.retired.length > 0 ||
    change.reactivated.length > 0 ||
    change.deleted.length > 0 ||
    change.modified.some((m) => m.placesAdded.length > 0 || m.mechanismChanges.length > 0)
  );
}

function byId(subprocessors: readonly Subprocessor[]): Subprocessor[] {
  return [...subprocessors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface VersionPlan {
  readonly version: string;
  readonly kind: ReleaseKind;
  readonly change?: Change;
}

type Content = Pick<Release, 'controller' | 'noticePeriodDays' | 'categories' | 'subprocessors'>;

/**
 * The next version, from what changed since the previous release: major for a new schema major, minor for a
 * notice-worthy change, patch for any other. Undefined when nothing changed and no re-issue was asked for.
 */
export function planVersion(previous: Release | undefined, next: Content, reissue: boolean): VersionPlan | undefined {
  if (!previous) return { version: '1.0.0', kind: 'initial' };
  const change = computeChange(snapshot(previous.subprocessors), snapshot(next.subprocessors));
  if ((parseSemver(previous.schemaVersion)?.[0] ?? 0) !== (parseSemver(RELEASE_SCHEMA_VERSION)?.[0] ?? 0)) {
    return { version: bump(previous.version, 'major'), kind: 'major', change };
  }
  if (isNoticeWorthy(change)) return { version: bump(previous.version, 'minor'), kind: 'minor', change };
  // The release lists entries by id, the registry by file name ("acme-eu.yaml" sorts before "acme.yaml").
  const same =
    isDeepStrictEqual(byId(previous.subprocessors), byId(next.subprocessors)) &&
    isDeepStrictEqual(previous.controller, next.controller) &&
    previous.noticePeriodDays === next.noticePeriodDays &&
    isDeepStrictEqual(previous.categories, next.categories);
  if (!same) return { version: bump(previous.version, 'patch'), kind: 'patch', change };
  return reissue ? { version: bump(previous.version, 'patch'), kind: 'reissue', change } : undefined;
}
