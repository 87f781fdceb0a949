/**
 * Registry text in HTML. Every name, task, note and address in a registry may be hostile (a pull request wrote it),
 * so the page builds markup only from these helpers: text is escaped for element content and quoted attributes
 * alike, and only web and mail addresses become links; anything else (javascript:, data:, relative paths) is text.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The address when it is an absolute http(s) or mailto address, else undefined: what may go into an href. */
export function safeHref(address: string): string | undefined {
  // Browsers strip these before parsing a URL; a value carrying them is not one a registry meant as a link.
  for (let i = 0; i < address.length; i += 1) {
    const code = address.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || /\s/.test(address.charAt(i))) return undefined;
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? address : undefined;
}

/** A link to a registry address when it is one a browser may follow, else the address as plain text. */
export function externalLink(address: string, text = address): string {
  const href = safeHref(address);
  return href === undefined ? escapeHtml(text) : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

/** `<time datetime="2027-01-15">2027-01-15</time>` for a date the release computed (YYYY-MM-DD). */
export function timeElement(day: string): string {
  return `<time datetime="${escapeHtml(day)}">${escapeHtml(day)}</time>`;
}
