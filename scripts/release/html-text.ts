/**
 * Text into HTML, as text: the five characters that could start markup or end an attribute become references.
 * Registry text (vendor names, reasons, the publisher's notice) is escaped once, here, wherever the release writes HTML.
 */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
