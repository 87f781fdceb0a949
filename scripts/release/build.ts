import type { RegistrySettings } from '../generated/registry.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import type { Law } from '../engine/jurisdiction.js';
import { FEED_FILE, renderArtefacts, type ReleaseFiles } from './artefacts.js';
import { releaseNotes } from './changelog.js';
import { nextFeed, type JsonFeed } from './feed.js';
import { publicPageUrl } from './publication.js';
import { buildReleaseDocument } from './release-doc.js';
import { notesMarkdown } from './notes-render.js';
import { planVersion, type ReleaseKind } from './versioning.js';

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
  /** The laws the registry answers to, for the document's legalBases. */
  readonly laws?: readonly Law[];
}

export type BuildResult =
  | { readonly built: true; readonly doc: Release; readonly kind: ReleaseKind; readonly files: ReleaseFiles }
  | { readonly built: false; readonly version: string };

/**
 * Pure: the registry and the previous release in, every file the release table renders out (the signature, the
 * public key and SHA256SUMS come later).
 */
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
  const notes = releaseNotes(doc, plan, input.settings);
  const releaseUrl = input.repositoryUrl ? `${input.repositoryUrl}/releases/tag/v${doc.version}` : undefined;
  const feedUrl = input.repositoryUrl ? `${input.repositoryUrl}/releases/latest/download/${FEED_FILE}` : undefined;
  const pageUrl = publicPageUrl(input.settings, input.repositoryUrl);
  const links = { ...(pageUrl ? { pageUrl } : {}), ...(releaseUrl ? { releaseUrl } : {}), ...(feedUrl ? { feedUrl } : {}) };
  const feed = nextFeed(input.previous?.feed, doc, notes, links, plan.kind);
  const changelog = notesMarkdown(notes);
  const files = renderArtefacts({ doc, changelog, feed, settings: input.settings, ...(pageUrl ? { pageUrl } : {}) });
  return { built: true, doc, kind: plan.kind, files };
}
