import { markdownText } from '../diagnostics/markdown-text.js';
import { escapeHtml } from './html-text.js';
import { contactHref } from './publication.js';

/**
 * A release's notes as data: headed lists of change lines and paragraphs, in registry words and unescaped. Each output
 * escapes them for itself, so no reader gets another format's escapes: Markdown for CHANGELOG.md and the GitHub
 * release body, plain text and HTML for the feeds.
 */
export interface ReleaseNotes {
  /** "1.2.0 (2026-01-31)". */
  readonly title: string;
  readonly blocks: readonly NotesBlock[];
}

export type NotesBlock =
  /** `contact`, when the text names it, is shown as a link there: an address to write to must copy as it is written. */
  | { readonly kind: 'paragraph'; readonly text: string; readonly contact?: string }
  | { readonly kind: 'list'; readonly heading: string; readonly lines: readonly string[] };

// CommonMark's email and URI autolinks (spec 6.5): a contact that is neither stays escaped text.
const EMAIL_AUTOLINK =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const URI_AUTOLINK = /^https?:\/\/[^\s<>\p{Cc}]+$/u;

/**
 * A paragraph's text with its contact as a link, every other part escaped as `escape` says. markdownText would keep
 * an email address from being a link or a mention with a zero-width space, which a reader copying it would carry along.
 */
function withContact(
  block: { text: string; contact?: string | undefined },
  escape: (text: string) => string,
  link: (contact: string) => string | undefined,
): string {
  const { text, contact } = block;
  const linked = contact === undefined ? undefined : link(contact);
  if (contact === undefined || linked === undefined || !text.includes(contact)) return escape(text);
  return text.split(contact).map(escape).join(linked);
}

const markdownContact = (contact: string) => (EMAIL_AUTOLINK.test(contact) || URI_AUTOLINK.test(contact) ? `<${contact}>` : undefined);
const htmlContact = (contact: string) => `<a href="${escapeHtml(contactHref(contact))}">${escapeHtml(contact)}</a>`;

/**
 * CHANGELOG.md. The lines and paragraphs quote registry text (names, reasons, places, the contact) and use no Markdown
 * of their own, so each is escaped whole.
 */
export function notesMarkdown(notes: ReleaseNotes): string {
  const out = [`# ${notes.title}`, ''];
  for (const block of notes.blocks) {
    if (block.kind === 'paragraph') out.push(withContact(block, markdownText, markdownContact), '');
    else out.push(`## ${block.heading}`, '', ...block.lines.map((l) => `- ${markdownText(l)}`), '');
  }
  return out.join('\n');
}

/** The feeds' plain text (JSON Feed content_text): the blocks without the title, which the item carries as its own. */
export function notesText(notes: ReleaseNotes): string {
  return notes.blocks
    .map((block) => (block.kind === 'paragraph' ? block.text : [`${block.heading}:`, ...block.lines.map((l) => `- ${l}`)].join('\n')))
    .join('\n\n');
}

/** The feeds' HTML (JSON Feed content_html, Atom's content): a fragment, every text escaped once. */
export function notesHtml(notes: ReleaseNotes): string {
  return notes.blocks
    .map((block) =>
      block.kind === 'paragraph'
        ? `<p>${withContact(block, escapeHtml, htmlContact)}</p>`
        : `<h2>${escapeHtml(block.heading)}</h2>\n<ul>\n${block.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`,
    )
    .join('\n');
}
