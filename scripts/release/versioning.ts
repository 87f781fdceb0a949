import { isDeepStrictEqual } from 'node:util';
import { computeChange, releaseLevel, type Change, type ChangeSide } from '../engine/change.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { registryEntry, RELEASE_SCHEMA_VERSION } from './release-doc.js';
import { bump, parseSemver } from './semver.js';

export type ReleaseKind = 'initial' | 'major' | 'minor' | 'patch' | 'reissue';

/** A release lists entries, not files: the change between two releases is computed over their entries by id. */
function side(subprocessors: readonly Subprocessor[]): ChangeSide {
  return { entries: new Map(subprocessors.map((s) => [s.id, s])) };
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
 * The next version, from what changed since the previous release: major for a new schema major, otherwise the level
 * the change table gives (minor when customers must be told of a part of it, patch for any other change). Undefined when nothing changed and no re-issue was asked for.
 */
export function planVersion(previous: Release | undefined, next: Content, reissue: boolean): VersionPlan | undefined {
  if (!previous) return { version: '1.0.0', kind: 'initial' };
  // What the registry wrote, not what the release date made of it (statusOnRelease, upcoming): a date passing
  // alone changes no entry, and the next release (the scheduled re-issue at the latest) states it.
  const before = previous.subprocessors.map(registryEntry);
  const change = computeChange(side(before), side(next.subprocessors));
  if ((parseSemver(previous.schemaVersion)?.[0] ?? 0) !== (parseSemver(RELEASE_SCHEMA_VERSION)?.[0] ?? 0)) {
    return { version: bump(previous.version, 'major'), kind: 'major', change };
  }
  if (releaseLevel(change) === 'minor') return { version: bump(previous.version, 'minor'), kind: 'minor', change };
  // The release lists entries by id, the registry by file name ("acme-eu.yaml" sorts before "acme.yaml").
  const same =
    isDeepStrictEqual(byId(before), byId(next.subprocessors)) &&
    // A document from before schema 1.3.0 has no role: it was a controller's, and stating the default is no change.
    isDeepStrictEqual({ role: 'controller', ...previous.controller }, { role: 'controller', ...next.controller }) &&
    previous.noticePeriodDays === next.noticePeriodDays &&
    isDeepStrictEqual(previous.categories, next.categories);
  if (!same) return { version: bump(previous.version, 'patch'), kind: 'patch', change };
  return reissue ? { version: bump(previous.version, 'patch'), kind: 'reissue', change } : undefined;
}
