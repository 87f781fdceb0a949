import { markdownText } from '../diagnostics/markdown-text.js';
import { htmlText } from './html-text.js';

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
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly heading: string; readonly lines: readonly string[] };

/**
 * CHANGELOG.md. The lines and paragraphs quote registry text (names, reasons, places, the contact) and use no Markdown
 * of their own, so each is escaped whole.
 */
export function notesMarkdown(notes: ReleaseNotes): string {
  const out = [`# ${notes.title}`, ''];
  for (const block of notes.blocks) {
    if (block.kind === 'paragraph') out.push(markdownText(block.text), '');
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
        ? `<p>${htmlText(block.text)}</p>`
        : `<h2>${htmlText(block.heading)}</h2>\n<ul>\n${block.lines.map((l) => `<li>${htmlText(l)}</li>`).join('\n')}\n</ul>`,
    )
    .join('\n');
}
