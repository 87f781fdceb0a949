export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Registry text (names, reasons, messages that quote them) into Markdown, for a table cell or a list item: a pipe
 * cannot end the cell, a line break stays inside it, and no HTML can open.
 */
export function markdownText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').replace(/</g, '&lt;');
}

/** A link when the run knows the URL, else the text as code. */
export function markdownLink(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : `\`${text}\``;
}
