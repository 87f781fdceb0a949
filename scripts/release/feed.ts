import type { Release } from '../generated/release.js';

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with one item per release, newest first. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description: string;
  items: { id: string; title: string; content_text: string; date_published: string; url?: string }[];
}

export function isJsonFeed(value: unknown): value is JsonFeed {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === 'https://jsonfeed.org/version/1.1' &&
    Array.isArray((value as { items?: unknown }).items)
  );
}

export function nextFeed(previous: JsonFeed | undefined, doc: Release, notes: string, releaseUrl?: string, feedUrl?: string): JsonFeed {
  const id = `v${doc.version}`;
  const item = {
    id,
    title: `${doc.controller.name} subprocessors ${doc.version}`,
    content_text: notes,
    date_published: doc.releasedAt,
    ...(releaseUrl ? { url: releaseUrl } : {}),
  };
  const older = (previous?.items ?? []).filter((i) => i.id !== id);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${doc.controller.name} subprocessors`,
    ...(feedUrl ? { feed_url: feedUrl } : {}),
    description:
      doc.controller.role === 'processor'
        ? `Changes to the list of sub-processors of ${doc.controller.name}, for its customers (the controllers, told of each addition or replacement under GDPR Art. 28(2)): additions, retirements, new places and transfer mechanisms.`
        : `Changes to the list of subprocessors of ${doc.controller.name}: additions, retirements, new places and transfer mechanisms.`,
    items: [item, ...older],
  };
}
