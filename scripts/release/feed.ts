import type { Release } from '../generated/release.js';
import { withoutHidden } from '../registry/invisible.js';
import { escapeHtml, safeHref } from './html-text.js';
import { notesHtml, notesText, type ReleaseNotes } from './notes-render.js';
import { contactHref } from './publication.js';
import type { ReleaseKind } from './versioning.js';

export interface JsonFeedAuthor {
  name: string;
  /** JSON Feed allows a mailto: address here; the contact for questions and objections. */
  url?: string;
}

/**
 * One release. Items written by earlier versions of subproc have Markdown in content_text and no content_html; they are carried as they
 * are (an item, once published, keeps its id and words) and the Atom feed shows their text as text.
 */
export interface JsonFeedItem {
  id: string;
  title: string;
  content_text: string;
  content_html?: string;
  date_published: string;
  url?: string;
  external_url?: string;
  authors?: JsonFeedAuthor[];
}

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with one item per release, newest first. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description: string;
  authors?: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/** An item the next feed can carry and the Atom feed can render: the fields it reads have their types. */
function isItem(value: unknown): value is JsonFeedItem {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    typeof value.content_text === 'string' &&
    typeof value.date_published === 'string' &&
    !Number.isNaN(Date.parse(value.date_published)) &&
    optionalString(value.content_html) &&
    optionalString(value.url) &&
    optionalString(value.external_url)
  );
}

export function isJsonFeed(value: unknown): value is JsonFeed {
  return (
    isRecord(value) &&
    value.version === 'https://jsonfeed.org/version/1.1' &&
    typeof value.title === 'string' &&
    Array.isArray(value.items) &&
    value.items.every(isItem)
  );
}

/*
 * The previous feed comes from the previous release folder or its download, and only the signed JSON is verified:
 * feed.json could have been edited. What it carries into the new signed page and feeds is therefore rebuilt from
 * its text: no control, format, bidirectional or separator character; HTML kept only in the form subproc writes,
 * else made again from the escaped text; only http(s) links; ids of the form subproc writes (v1.2.3). An item failing
 * that is left out.
 */
const ITEM_ID = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

// The classes the loader refuses in registry values (scripts/registry/invisible.ts), removed.
const clean = withoutHidden;
const webLink = (address: string | undefined) => {
  const href = address === undefined ? undefined : safeHref(address);
  return href !== undefined && /^https?:/i.test(href) ? href : undefined;
};

/** The item's text as HTML: paragraphs at blank lines, line breaks kept, every character of it escaped. */
function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/**
 * The markup subproc's notes use (notes-render.ts): headings, lists, paragraphs, line breaks and links to mail or web
 * addresses, with text escaped. Carried HTML in exactly this form is kept; anything else is made again from the text.
 */
const NOTES_HTML =
  /^(?:<\/?(?:h2|ul|li|p)>|<br>|<a href="(?:mailto:|https?:\/\/)[^"<>\s]*">|<\/a>|[^<>&]|&(?:amp|lt|gt|quot|#39|#\d{1,7});)*$/;

/** Why a previous item cannot be carried, in a maintainer's words; undefined when it can. */
function itemProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'it is not an object';
  for (const field of ['id', 'title', 'content_text', 'date_published'] as const)
    if (typeof value[field] !== 'string') return `its "${field}" is missing or not text`;
  if (Number.isNaN(Date.parse(String(value.date_published))))
    return `its "date_published" ${JSON.stringify(value.date_published)} is not a date`;
  for (const field of ['content_html', 'url', 'external_url'] as const)
    if (!optionalString(value[field])) return `its "${field}" is not text`;
  if (!ITEM_ID.test(String(value.id))) return `its id ${JSON.stringify(value.id)} is not a release version such as v1.2.3`;
  return undefined;
}

/** A previous item as the next feed may carry it, or undefined when it is not one subproc could have written. */
export function carriedItem(value: unknown): JsonFeedItem | undefined {
  if (itemProblem(value) !== undefined || !isItem(value)) return undefined;
  const text = clean(value.content_text);
  const url = webLink(value.url);
  const external = webLink(value.external_url);
  return {
    id: value.id,
    title: clean(value.title),
    content_text: text,
    content_html:
      value.content_html !== undefined && NOTES_HTML.test(clean(value.content_html)) ? clean(value.content_html) : textAsHtml(text),
    date_published: new Date(Date.parse(value.date_published)).toISOString().replace('.000Z', 'Z'),
    ...(url ? { url } : {}),
    ...(external ? { external_url: external } : {}),
  };
}

/** A previous item left out of the next feed: its place in the previous feed's items (from 0) and why. */
export interface DroppedItem {
  readonly index: number;
  readonly reason: string;
}

/**
 * A previous feed.json's carried part: its items that pass carriedItem, in order, and those left out with the reason
 * (the caller says so: a dropped item is history a subscriber no longer sees); undefined when it is not a feed.
 */
export function carriedFeed(value: unknown): { feed: JsonFeed; dropped: readonly DroppedItem[] } | undefined {
  if (!isRecord(value) || value.version !== 'https://jsonfeed.org/version/1.1' || !Array.isArray(value.items)) return undefined;
  const items: JsonFeedItem[] = [];
  const dropped: DroppedItem[] = [];
  value.items.forEach((raw: unknown, index) => {
    const item = carriedItem(raw);
    if (item) items.push(item);
    else dropped.push({ index, reason: itemProblem(raw) ?? 'it is not an item subproc writes' });
  });
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: typeof value.title === 'string' ? clean(value.title) : '',
    description: typeof value.description === 'string' ? clean(value.description) : '',
    items,
  };
  return { feed, dropped };
}

/** Where the feeds point: each is known only when the repository (or registry.yaml's pageUrl) says. */
export interface FeedLinks {
  /** The public page (publication.ts's publicPageUrl): the feed's home page and each item's link. */
  readonly pageUrl?: string;
  /** This release on GitHub. */
  readonly releaseUrl?: string;
  /** Where feed.json is downloaded from, latest release. */
  readonly feedUrl?: string;
}

/**
 * The feed after this release: its item first, then the previous feed's items. An unchanged re-issue (same content,
 * a renewed expiry) tells subscribers nothing new, so it adds no item and carries the previous ones as they are; only
 * when there is no previous feed to carry does it get an item, so the feed is never empty.
 */
export function nextFeed(
  previous: JsonFeed | undefined,
  doc: Release,
  notes: ReleaseNotes,
  links: FeedLinks = {},
  kind?: ReleaseKind,
): JsonFeed {
  const id = `v${doc.version}`;
  const contact = doc.controller.contact;
  const authors: JsonFeedAuthor[] = [{ name: doc.controller.name, ...(contact ? { url: contactHref(contact) } : {}) }];
  // The page shows the latest list; the fragment names this release's notes there. The GitHub release stays the
  // permanent record of this version, linked beside it.
  const url = links.pageUrl ? `${links.pageUrl}#${id}` : links.releaseUrl;
  const item: JsonFeedItem = {
    id,
    title: `${doc.controller.name} subprocessors ${doc.version}`,
    content_text: notesText(notes),
    content_html: notesHtml(notes),
    date_published: doc.releasedAt,
    ...(url ? { url } : {}),
    ...(links.pageUrl && links.releaseUrl ? { external_url: links.releaseUrl } : {}),
  };
  const carried = kind === 'reissue' && previous !== undefined && previous.items.length > 0;
  const items = carried ? previous.items : [item, ...(previous?.items ?? []).filter((i) => i.id !== id)];
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${doc.controller.name} subprocessors`,
    ...(links.pageUrl ? { home_page_url: links.pageUrl } : {}),
    ...(links.feedUrl ? { feed_url: links.feedUrl } : {}),
    description:
      doc.controller.role === 'processor'
        ? `Changes to the list of sub-processors of ${doc.controller.name}, for its customers (the controllers, told of each addition or replacement under GDPR Art. 28(2)): additions, retirements, new places and transfer mechanisms.`
        : `Changes to the list of subprocessors of ${doc.controller.name}: additions, retirements, new places and transfer mechanisms.`,
    authors,
    items,
  };
}
