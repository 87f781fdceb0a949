import { spawnSync } from 'node:child_process';

/**
 * GitHub Flavored Markdown rendered by cmark-gfm, the C implementation GitHub's own renderer is built on (Debian's
 * `cmark-gfm`; .ci/run installs it). With GitHub's extensions (tables, strikethrough, autolinks, task lists) and raw
 * HTML passed through (`--unsafe`), as GitHub renders before it sanitises: a tag that leaks from registry text shows
 * in the output instead of being filtered away. The tag filter is left off for the same reason.
 */
export function renderGfm(markdown: string): string {
  const result = spawnSync(
    'cmark-gfm',
    ['--unsafe', '--extension', 'table', '--extension', 'strikethrough', '--extension', 'autolink', '--extension', 'tasklist'],
    { input: markdown, encoding: 'utf8', timeout: 20_000 },
  );
  if (result.error)
    throw new Error(`cannot run cmark-gfm (${result.error.message}): apt-get install cmark-gfm, as .ci/run does`, { cause: result.error });
  if (result.status !== 0) throw new Error(`cmark-gfm exited with ${String(result.status)}: ${result.stderr}`);
  return result.stdout;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML character references decoded: what a reader sees. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return NAMED[ref.toLowerCase()] ?? entity;
  });
}

/**
 * The text a reader sees in rendered HTML: tags removed (HTML comments with what they hide), character references
 * decoded. A `<br>` reads as a line break.
 */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

/** Every element of a kind in rendered HTML, with its attributes: `<a href="…">` → `a href="…"`. */
export function tags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>`, 'gi'))].map((m) => m[0]);
}

/** The headings of rendered HTML, level and visible text: `## What changed` → `h2 What changed`. */
export function headings(html: string): string[] {
  return [...html.matchAll(/<(h[1-6])>([\s\S]*?)<\/\1>/gi)].map((m) => `${m[1] ?? ''} ${visibleText(m[2] ?? '')}`);
}
