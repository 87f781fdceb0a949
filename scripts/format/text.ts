export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Registry text (names, reasons, messages that quote them) into Markdown, for a table cell or a list item: a pipe
 * cannot end the cell, a line break stays inside it, no HTML can open (a "<!--" in a vendor's name would hide the
 * rest of the bot's comment), no link or image can form, and no @mention notifies anyone: the comment is posted with
 * the repository's write token, and a fork's registry text must not speak with it.
 */
export function markdownText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      // Escaped before the line breaks become <br>, which must stay HTML.
      .replace(/</g, '&lt;')
      .replace(/\r?\n/g, '<br>')
      .replace(/[[\]]/g, (bracket) => `\\${bracket}`)
      .replace(/@(?=[\w-])/g, '@&#8203;')
  );
}

/** A link when the run knows the URL, else the text as code. */
export function markdownLink(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : `\`${text}\``;
}
