import { createHash } from 'node:crypto';
import type { RegistrySettings } from '../generated/registry.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { canonicalJson } from './canonical-json.js';
import { changelog } from './changelog.js';
import { nextFeed, type JsonFeed } from './feed.js';
import { buildReleaseDocument } from './release-doc.js';
import { renderCsv, renderMarkdown } from './render-list.js';
import { planVersion, type ReleaseKind } from './versioning.js';

export const RELEASE_FILE = 'subprocessors.json';
export const SIGNATURE_FILE = `${RELEASE_FILE}.minisig`;
export const CHECKSUMS_FILE = 'SHA256SUMS';
export const PUBLIC_KEY_FILE = 'minisign.pub';

export interface BuildInput {
  readonly settings: RegistrySettings;
  readonly subprocessors: readonly Subprocessor[];
  readonly previous?: { readonly doc: Release; readonly feed?: JsonFeed };
  readonly releasedAt: Date;
  readonly commit: string;
  readonly repository?: string;
  readonly reissue: boolean;
  /** Where the release will be, for the feed: https://github.com/OWNER/REPO. */
  readonly repositoryUrl?: string;
}

export type BuildResult =
  | { readonly built: true; readonly doc: Release; readonly kind: ReleaseKind; readonly files: ReadonlyMap<string, Buffer> }
  | { readonly built: false; readonly version: string };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Pure: the registry and the previous release in, every file of the new release out (the signature comes later). */
export function buildRelease(input: BuildInput): BuildResult {
  const content = {
    controller: input.settings.controller,
    noticePeriodDays: input.settings.noticePeriodDays,
    categories: input.settings.categories,
    subprocessors: [...input.subprocessors],
  };
  const plan = planVersion(input.previous?.doc, content, input.reissue);
  if (!plan) return { built: false, version: input.previous?.doc.version ?? '0.0.0' };
  const doc = buildReleaseDocument({ ...input, version: plan.version, ...(input.repository ? { repository: input.repository } : {}) });
  const notes = changelog(doc, plan);
  const releaseUrl = input.repositoryUrl ? `${input.repositoryUrl}/releases/tag/v${doc.version}` : undefined;
  const feedUrl = input.repositoryUrl ? `${input.repositoryUrl}/releases/latest/download/feed.json` : undefined;
  const feed = nextFeed(input.previous?.feed, doc, notes, releaseUrl, feedUrl);
  const files = new Map<string, Buffer>([
    [RELEASE_FILE, Buffer.from(canonicalJson(doc))],
    ['CHANGELOG.md', Buffer.from(notes)],
    ['feed.json', Buffer.from(`${JSON.stringify(feed, null, 2)}\n`)],
    ['subprocessors.csv', Buffer.from(renderCsv(doc))],
    [
      'subprocessors.md',
      Buffer.from(renderMarkdown(doc, input.settings.title ?? `${doc.controller.name} subprocessors`, input.settings.introduction)),
    ],
  ]);
  return { built: true, doc, kind: plan.kind, files };
}

/** `sha256sum -c` reads this: "HEX  NAME" per line, sorted by name. */
export function checksums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files]
    .filter(([name]) => name !== CHECKSUMS_FILE)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, bytes]) => `${sha256Hex(bytes)}  ${name}\n`)
    .join('');
}
