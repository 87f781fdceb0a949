import { createHash } from 'node:crypto';
import { version } from '../version.js';
import type { JsonFeed, JsonFeedItem } from './feed.js';

/**
 * feed.xml, Atom 1.0 (RFC 4287), rendered from the JSON Feed alone: the two feeds cannot disagree, and the build
 * never reads a previous feed.xml (the previous feed.json carries every older entry).
 */

/**
 * Text into XML 1.0 character data and attribute values. XML 1.0 forbids most C0 controls, U+FFFE, U+FFFF and lone
 * surrogates even as references, so a parser would refuse the whole feed: they are dropped (they show nothing in a
 * reader anyway; a U+FFFD in their place makes parsers warn of a broken encoding).
 */
export function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A name-based UUID (RFC 9562 version 5 layout over SHA-1): the same name gives the same id in every build. */
function uuidFor(name: string): string {
  const hex = createHash('sha1').update(`subproc feed\n${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The feed's id must never change, or readers see a new feed and repeat every entry. The page's address is the
 * natural one (RFC 4287 4.2.6 prefers an address the publisher controls). Without one (no repository on github.com
 * and no pageUrl), a urn:uuid named by where feed.json is downloaded from, else by the feed's title (the controller's
 * name): stable as long as those are, where a relative "index.html" is no IRI at all and the build date is no name.
 */
function feedId(feed: JsonFeed): string {
  return feed.home_page_url ?? uuidFor(feed.feed_url ?? feed.title);
}

/** An entry's id: the page's address with the release's fragment, or a UUID named by the feed and the release. */
function entryId(feed: JsonFeed, item: JsonFeedItem): string {
  return feed.home_page_url ? `${feed.home_page_url}#${item.id}` : uuidFor(`${feedId(feed)}\n${item.id}`);
}

function authorXml(feed: JsonFeed, indent: string): string[] {
  const author = feed.authors?.[0];
  if (!author) return [];
  const contact = author.url;
  const detail =
    contact === undefined
      ? []
      : contact.startsWith('mailto:')
        ? [`${indent}  <email>${xmlText(contact.slice('mailto:'.length))}</email>`]
        : [`${indent}  <uri>${xmlText(contact)}</uri>`];
  return [`${indent}<author>`, `${indent}  <name>${xmlText(author.name)}</name>`, ...detail, `${indent}</author>`];
}

function entryXml(feed: JsonFeed, item: JsonFeedItem): string[] {
  // Items carried from older feeds have only Markdown text: shown as text, never read as markup.
  const content =
    item.content_html !== undefined
      ? `<content type="html">${xmlText(item.content_html)}</content>`
      : `<content type="text">${xmlText(item.content_text)}</content>`;
  return [
    '  <entry>',
    `    <id>${xmlText(entryId(feed, item))}</id>`,
    `    <title type="text">${xmlText(item.title)}</title>`,
    `    <published>${xmlText(item.date_published)}</published>`,
    `    <updated>${xmlText(item.date_published)}</updated>`,
    ...(item.url ? [`    <link rel="alternate" type="text/html" href="${xmlText(item.url)}"/>`] : []),
    ...(item.external_url ? [`    <link rel="related" type="text/html" href="${xmlText(item.external_url)}"/>`] : []),
    `    ${content}`,
    '  </entry>',
  ];
}

/** The newest entry's date: a feed is as new as its latest release (an unchanged re-issue adds none). */
function updated(feed: JsonFeed): string | undefined {
  const dates = feed.items.map((i) => i.date_published).sort((a, b) => Date.parse(b) - Date.parse(a));
  return dates[0];
}

/**
 * The feed. Links are absolute or absent: a relative "index.html" would resolve against wherever a reader fetched the
 * feed (a release asset's download address), so without a known page address the feed has no alternate link and each
 * entry links its GitHub release, when that is known.
 */
export function renderAtom(feed: JsonFeed, fallbackUpdated: string): string {
  // Where feed.xml is downloaded from: beside feed.json.
  const self = feed.feed_url ? new URL('feed.xml', feed.feed_url).href : undefined;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feedId(feed))}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.description)}</subtitle>`,
    `  <updated>${xmlText(updated(feed) ?? fallbackUpdated)}</updated>`,
    ...authorXml(feed, '  '),
    ...(feed.home_page_url ? [`  <link rel="alternate" type="text/html" href="${xmlText(feed.home_page_url)}"/>`] : []),
    ...(self ? [`  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`] : []),
    `  <generator uri="https://github.com/subproc/subproc" version="${xmlText(version)}">subproc</generator>`,
    ...feed.items.flatMap((item) => entryXml(feed, item)),
    '</feed>',
    '',
  ].join('\n');
}
