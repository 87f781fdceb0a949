/** A zero-width space, as an entity: splits an @mention or a #123 reference without changing what is shown. */
const BREAK = '&#8203;';

/** Letters and digits: a run of `_` between two of them can neither open nor close emphasis (CommonMark 6.2). */
const WORD = /[\p{L}\p{N}]/u;

/**
 * Registry text (names, reasons, places, messages that quote them) into Markdown, for a table cell, a list item or
 * a heading: whatever the text holds, it is shown as text and nothing else. The pull-request comment is posted with
 * the repository's write token, and the release list and changelog are published: a fork's registry text must not
 * speak with either.
 *
 * - No HTML: `<` and `>` become entities (a "<!--" in a vendor's name would hide the rest of the comment, a "-->"
 *   would close the comment Danger keeps its summary in). `&` before an entity name stays `&` (`&amp;`).
 * - No structure: a table pipe cannot end the cell, a line break (CR, LF or both) stays inside it as `<br>`.
 * - No links, images, footnotes or task boxes (`[`, `]`), no code spans (`` ` ``), no emphasis or strikethrough
 *   (`*`, `~`, and `_` unless it stands between two letters or digits, where it is inert), no math (`$`), no
 *   closing `#` of a heading.
 * - No autolinks: the `:` of `://` and the `.` of `www.` are escaped, so `https://…`, `www.…` (and, with the
 *   mention rule, `name@host`) stay text.
 * - Nobody is notified and nothing is cross-referenced: `@team`, `#123` and `GH-123` get a zero-width space.
 * - No block at the start, where a list item's content begins: a leading `-`, `+` or `1.` is no nested list, leading
 *   spaces are no code block (`#` and `>` are escaped everywhere).
 * Backslash escapes vanish in the rendered text, so legitimate names read and copy as they are written.
 */
export function markdownText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/&(?=#?[0-9a-z]+;)/gi, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[|`*~[\]$]/g, (mark) => `\\${mark}`)
      .replace(/_+/g, (run, offset: number, all: string) =>
        WORD.test(all.charAt(offset - 1)) && WORD.test(all.charAt(offset + run.length)) ? run : run.replace(/_/g, '\\_'),
      )
      .replace(/#/g, (hash, offset: number, all: string) => (/\d/.test(all.charAt(offset + 1)) ? `#${BREAK}` : '\\#'))
      .replace(/\bGH-(?=\d)/gi, (gh) => `${gh}${BREAK}`)
      .replace(/@(?=[\w-])/g, `@${BREAK}`)
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      // After the entities above, so the <br> stays HTML.
      .replace(/\r\n|\r|\n/g, '<br>')
      .replace(/^[ \t]+/, (space) => space.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'))
      .replace(/^[-+]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}
