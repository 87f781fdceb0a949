import type { Reading } from '../engine/settings.js';
import { markdownText } from '../diagnostics/markdown-text.js';

// One escaping function for every piece of registry text entering Markdown; it lives in the diagnostics layer so the
// release's list and changelog (scripts/release/, beside this layer) use the same one.
export { markdownText };

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Percent-encodes what would end or break a Markdown link destination. */
function linkDestination(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A link when the run knows the URL, else the text as code; text that a code span cannot hold (a backtick, a pipe,
 * a line break) is shown as escaped text instead.
 */
export function markdownLink(text: string, url: string | undefined): string {
  if (url) return `[${markdownText(text)}](${linkDestination(url)})`;
  return text !== '' && /^[^`|\r\n]*$/.test(text) ? `\`${text}\`` : markdownText(text);
}

/** "eu-gdpr: every user's data counts (the controller is established in FR, inside the EEA)": one line per law. */
export function describeReading(reading: Reading): string {
  // A processor's data is its customers' (the controllers'), and their users' (GDPR Art. 28).
  const processor = reading.role === 'processor';
  const whose =
    reading.reading === 'establishment'
      ? processor
        ? 'all it processes for its customers counts'
        : "every user's data counts"
      : processor
        ? 'only the data of customers or users inside the zone counts'
        : 'only the data of users inside the zone counts';
  return `${reading.law}: ${whose} (${reading.because})`;
}
