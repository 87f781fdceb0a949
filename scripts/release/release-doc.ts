import type { RegistrySettings } from '../generated/registry.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';

/** Version of schemas/release.schema.json; its major changing is a major release for consumers. */
export const RELEASE_SCHEMA_VERSION = '1.0.0';
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
}

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Pure: registry data in, the release document out. */
export function buildReleaseDocument(input: ReleaseInput): Release {
  const { settings } = input;
  const expires = new Date(input.releasedAt.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  return {
    schemaVersion: RELEASE_SCHEMA_VERSION,
    version: input.version,
    releasedAt: isoSeconds(input.releasedAt),
    expiresAt: isoSeconds(expires),
    source: { commit: input.commit, ...(input.repository ? { repository: input.repository } : {}) },
    controller: settings.controller,
    noticePeriodDays: settings.noticePeriodDays,
    categories: settings.categories,
    subprocessors: [...input.subprocessors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
