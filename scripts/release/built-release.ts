import type { RegistrySettings } from '../generated/registry.js';
import type { Release } from '../generated/release.js';
import type { JsonFeed } from './feed.js';

// `as const`: non-widening literal types, so a name stays an ArtefactName inside arrays and objects too.
export const RELEASE_FILE = 'subprocessors.json' as const;
export const SIGNATURE_FILE = 'subprocessors.json.minisig' as const;
export const CHECKSUMS_FILE = 'SHA256SUMS' as const;
export const PUBLIC_KEY_FILE = 'minisign.pub' as const;
export const CHANGELOG_FILE = 'CHANGELOG.md' as const;
export const FEED_FILE = 'feed.json' as const;
export const ATOM_FILE = 'feed.xml' as const;
export const PAGE_FILE = 'index.html' as const;
export const CSV_FILE = 'subprocessors.csv' as const;

/** Everything the build computed for one release; each generated file is a pure function of it. */
export interface BuiltRelease {
  readonly doc: Release;
  /** The CHANGELOG text, also the newest item of the feed. */
  readonly changelog: string;
  readonly feed: JsonFeed;
  /** The registry's page settings: title and introduction for the lists, the notice text, contact and page address. */
  readonly settings: Pick<RegistrySettings, 'title' | 'introduction' | 'controller' | 'noticePeriodDays' | 'noticeText' | 'pageUrl'>;
  /** Where the page is published (publication.ts), when known: the feeds' home page and the page's canonical link. */
  readonly pageUrl?: string;
}
