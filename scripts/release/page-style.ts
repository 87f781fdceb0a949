/**
 * The page's only style sheet, inline: the page makes no request of its own. Colours pass WCAG AA contrast in both
 * schemes; under 40em (a 640 px window, or 1280 px at 200% zoom) the tables reflow into one block per vendor, each
 * cell labelled by its column, so nothing scrolls sideways.
 */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --head: #f0f0f0; --link: #0b57b0; --mark: #7a3e00; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #141414; --fg: #ececec; --muted: #bdbdbd; --line: #4d4d4d; --head: #242424; --link: #9cc3ff; --mark: #ffc27a; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: 0.5rem; top: -10rem; background: var(--bg); padding: 0.5rem 1rem; z-index: 1; }
.skip:focus { top: 0.5rem; }
header, nav, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.meta, .note, footer { color: var(--muted); }
.status { color: var(--mark); font-weight: 600; }
.table { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: 0.5rem 0; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
ul.tasks { margin: 0.25rem 0 0; padding-left: 1.25rem; }
ul.coverage { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; font-size: 0.9em; }
.data { margin: 0.25rem 0 0; }
.changes { white-space: pre-line; }
section { margin-bottom: 2rem; }
@media (max-width: 40em) {
  table, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  tr { border: 1px solid var(--line); margin-bottom: 0.75rem; }
  th, td { border: 0; }
  tbody th { background: var(--head); }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --line: #888888; --head: #eeeeee; --link: #000000; --mark: #7a3e00; }
  .skip, nav { display: none; }
  .table { overflow: visible; }
  tr { break-inside: avoid; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; }
}
`;
