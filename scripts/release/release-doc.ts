import type { RegistrySettings } from '../generated/registry.js';
import type { Coverage, DeclaredLaw, Release, ReleaseEntry, ReleaseLocation, StatusOnRelease, Upcoming } from '../generated/release.js';
import type { Location, Subprocessor } from '../generated/subprocessor.js';
import { coverageAt } from '../engine/coverage.js';
import type { Law } from '../engine/jurisdiction.js';
import { mechanismsOf } from '../registry/location-mechanisms.js';
import { legalBases } from '../engine/mechanism-concept.js';
import { publisherRole, readingOf, type JudgingSettings } from '../engine/settings.js';

/**
 * Version of schemas/release.schema.json; its major changing is a major release for consumers. 1.1.0 added
 * statusOnRelease and upcoming to each entry (optional in the schema, so 1.0.x documents still read as --previous);
 * 1.2.0 added legalBases, the DPV concepts of the mechanism ids used; 1.3.0 added controller.role (the publisher is
 * a controller or a processor), always written so that consumers need not know the default, and a location's `mechanisms` in order;
 * 1.4.0 added dataCategories and dataSubjects (of an entry, and dataCategories of a location), as the registry writes them. It also added the declared `scopes` with their titles,
 * and `when` on an entry and a location (docs/scopes.md). 1.5.0 added the declared `jurisdictions` and each location's
 * `coverage` under each of them (engine/coverage.ts), so that a consumer reads what covers a place without our law files.
 * 1.6.0 added two values a coverage note may take: not-yet-in-force and needs-companion (the UK Addendum without the SCCs).
 */
export const RELEASE_SCHEMA_VERSION = '1.6.0';
/** How long a release stays valid: the scheduled re-issue runs well within it. */
export const VALIDITY_DAYS = 90;

export interface ReleaseInput {
  readonly settings: RegistrySettings;
  readonly subprocessors: readonly Subprocessor[];
  readonly version: string;
  /** UTC, whole seconds: the build's clock, the only input besides the commit. */
  readonly releasedAt: Date;
  readonly commit: string;
  readonly repository?: string;
  /**
   * The laws the registry answers to, in its order: they give each mechanism id its DPV concepts (legalBases), and
   * each location its coverage under each law.
   */
  readonly laws?: readonly Law[];
}

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The fields a release entry adds to the registry's subprocessor, computed from the release date. */
export const RELEASE_DATE_FIELDS = ['statusOnRelease', 'upcoming'] as const;

/** The release date: the date part of releasedAt, UTC (YYYY-MM-DD, which compares as text). */
export function releaseDay(releasedAt: Date | string): string {
  return (typeof releasedAt === 'string' ? releasedAt : isoSeconds(releasedAt)).slice(0, 10);
}

/**
 * A vendor's status on `day`: it processes personal data from its `since` (inclusive) until its `retired.on`
 * (exclusive), and `upcoming` dates what is still to come. `status: retired` with `retired.on` after the day is
 * retiring (still processing); a `since` after the day is upcoming, whatever the status, unless the vendor retires
 * on or before it starts (then it never processes, and is retired).
 */
export function statusOn(sub: Subprocessor, day: string): { statusOnRelease: StatusOnRelease; upcoming?: Upcoming } {
  const starts = sub.since !== undefined && sub.since > day ? sub.since : undefined;
  const retires = sub.status === 'retired' ? sub.retired?.on : undefined;
  if (retires !== undefined && (retires <= day || (sub.since !== undefined && retires <= sub.since))) return { statusOnRelease: 'retired' };
  if (starts !== undefined) return { statusOnRelease: 'upcoming', upcoming: { starts, ...(retires !== undefined ? { retires } : {}) } };
  if (retires !== undefined) return { statusOnRelease: 'retiring', upcoming: { retires } };
  return { statusOnRelease: 'active' };
}

/** The registry's subprocessor in a release entry: the entry without the fields the release date and the laws gave it. */
export function registryEntry(entry: ReleaseEntry): Subprocessor {
  const sub = { ...entry, locations: entry.locations.map(registryLocation) };
  delete sub.statusOnRelease;
  delete sub.upcoming;
  return sub as Subprocessor;
}

function registryLocation(location: ReleaseLocation): Location {
  const place = { ...location };
  delete place.coverage;
  return place;
}

/** The declared laws as the document names them: the schema wants at least one, so none gives no field. */
function declared(laws: readonly Law[]): Pick<Release, 'jurisdictions'> {
  const [head, ...tail] = laws.map((law): DeclaredLaw => ({ id: law.id, name: law.name, zone: law.zone }));
  return head ? { jurisdictions: [head, ...tail] } : {};
}

/** What covers each place of a vendor under each law, in the laws' order, on the release day. */
function withCoverage(
  sub: Subprocessor,
  laws: readonly Law[],
  day: string,
  judging: Pick<JudgingSettings, 'role' | 'transferScope' | 'establishment'>,
): ReleaseEntry['locations'] {
  const [first, ...rest] = sub.locations.map((location): ReleaseLocation => {
    if (laws.length === 0) return location;
    const question = { place: location.place, mechanisms: mechanismsOf(location), laws, today: day, users: location.users ?? sub.users };
    // The reading of Art. 3 the check states: where the establishment makes every user's data count, a user scope
    // outside the zone exempts nothing, and the page must not call such a place "no transfer".
    const [head, ...tail] = laws.map((law): Coverage => ({
      law: law.id,
      ...coverageAt(law, { ...question, everyUserCounts: readingOf(law, judging).reading === 'establishment' }),
    }));
    return head ? { ...location, coverage: [head, ...tail] } : location;
  });
  if (!first) throw new Error(`${sub.id} has no location`);
  return [first, ...rest];
}

/**
 * The entries of a release whose announced start or retirement (`upcoming`) has come by `at`: their status in that
 * release is out of date, and the scheduled re-issue renews it.
 */
export function datedChangesDue(doc: Release, at: Date): string[] {
  const day = releaseDay(at);
  return doc.subprocessors
    .filter(({ upcoming }) => [upcoming?.starts, upcoming?.retires].some((date) => date !== undefined && date <= day))
    .map((entry) => entry.id);
}

/** Pure: registry data in, the release document out. */
export function buildReleaseDocument(input: ReleaseInput): Release {
  const { settings } = input;
  const laws = input.laws ?? [];
  const day = releaseDay(input.releasedAt);
  // A release is judged by its own settings (what was merged): the reading of Art. 3 its check printed.
  const judging = {
    role: publisherRole(settings),
    ...(settings.transferScope !== undefined ? { transferScope: settings.transferScope } : {}),
    establishment: settings.controller.country,
  };
  const expires = new Date(input.releasedAt.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  return {
    schemaVersion: RELEASE_SCHEMA_VERSION,
    version: input.version,
    releasedAt: isoSeconds(input.releasedAt),
    expiresAt: isoSeconds(expires),
    source: { commit: input.commit, ...(input.repository ? { repository: input.repository } : {}) },
    controller: { ...settings.controller, role: publisherRole(settings) },
    noticePeriodDays: settings.noticePeriodDays,
    categories: settings.categories,
    ...(settings.scopes ? { scopes: settings.scopes } : {}),
    ...declared(laws),
    subprocessors: [...input.subprocessors]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((sub) => ({ ...sub, locations: withCoverage(sub, laws, day, judging), ...statusOn(sub, day) })),
    ...(input.laws && input.laws.length > 0
      ? { legalBases: legalBases(input.subprocessors, input.laws).map((b) => ({ ...b, dpv: [...b.dpv] as [string, ...string[]] })) }
      : {}),
  };
}
