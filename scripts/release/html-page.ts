import type { DeclaredLaw, Release, ReleaseEntry, ReleaseLocation, StatusOnRelease, Upcoming } from '../generated/release.js';
import type { Law } from '../engine/jurisdiction.js';
import type { Location } from '../generated/subprocessor.js';
import { placeWithin } from '../registry/places.js';
import { appliesIn, scopeWords, type ScopeDeclaration } from '../registry/scopes.js';
import {
  ATOM_FILE,
  CHECKSUMS_FILE,
  CSV_FILE,
  FEED_FILE,
  PUBLIC_KEY_FILE,
  RELEASE_FILE,
  SIGNATURE_FILE,
  type BuiltRelease,
} from './built-release.js';
import { coverageUnder, coverageWords, declaredLaws, showsCoverage } from './coverage-words.js';
import { escapeHtml, externalLink, safeHref, timeElement } from './html-text.js';
import { PAGE_STYLE } from './page-style.js';
import { categoryWords, documentLaws, locationMechanismWords, locationWords, placeName, subjectsWords, usersWords } from './page-words.js';
import { contactHref, noticeText } from './publication.js';
import { releaseDay, statusOn } from './release-doc.js';

/**
 * The release's public page (index.html): the list as people read it, beside the files machines read. A pure
 * function of the built release, so a rebuild is byte-identical: no clock, no generated ids (anchors come from the
 * registry's slugs and region codes). No script, and a Content-Security-Policy that forbids any request.
 */

/** How many releases "Recent changes" shows; the feeds keep the rest. */
export const RECENT_RELEASES = 5;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

interface Dated {
  readonly entry: ReleaseEntry;
  readonly status: StatusOnRelease;
  readonly upcoming?: Upcoming;
}

/** The entry's status on the release date as the document states it (a 1.0.x document did not: computed then). */
function dated(doc: Release, entry: ReleaseEntry): Dated {
  if (entry.statusOnRelease !== undefined)
    return { entry, status: entry.statusOnRelease, ...(entry.upcoming ? { upcoming: entry.upcoming } : {}) };
  const computed = statusOn(entry, releaseDay(doc.releasedAt));
  return { entry, status: computed.statusOnRelease, ...(computed.upcoming ? { upcoming: computed.upcoming } : {}) };
}

const esc = escapeHtml;

/** A table in its own labelled region that scrolls by itself (and is reachable by keyboard) if it must. */
function table(id: string, caption: string, headings: readonly string[], rows: readonly string[]): string {
  return [
    `<div class="table" role="region" aria-labelledby="${id}" tabindex="0">`,
    `<table><caption id="${id}">${caption}</caption>`,
    `<thead><tr>${headings.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody></table></div>`,
  ].join('\n');
}

/**
 * A view of the list: all of it, one user region's or one declared scope's. `prefix` keeps row and caption ids
 * unique across views; `places` keeps the locations that serve the view; a region view leaves out the vendor's user
 * scope (the heading says it), a scope view keeps it.
 */
interface View {
  readonly prefix: string;
  readonly places: (location: Location) => boolean;
  readonly showsUsers: boolean;
}

const ALL: View = { prefix: '', places: () => true, showsUsers: true };

/** "Health data (special category, GDPR Art. 9), Contact data", about "End users": what the vendor processes, and whose. */
function dataLines(entry: ReleaseEntry, locations: readonly Location[]): string[] {
  const lines: string[] = [];
  if (entry.dataCategories) lines.push(`Data: ${entry.dataCategories.map(categoryWords).join(', ')}`);
  // A place's own list replaces the vendor's there (docs/data-categories.md): name it with its place.
  for (const l of locations)
    if (l.dataCategories) lines.push(`Data in ${placeName(l.place)}: ${l.dataCategories.map(categoryWords).join(', ')}`);
  if (entry.dataSubjects) lines.push(`About: ${subjectsWords(entry.dataSubjects)}`);
  return lines.map((line) => `<p class="data">${esc(line)}</p>`);
}

function placeWords(location: Location, scopes: readonly ScopeDeclaration[]): string {
  const scope = scopeWords(location.when, scopes);
  return `${locationWords(location)}${scope ? `, ${scope}` : ''}`;
}

/** One vendor's row: name (with its scope and dates still to come), what it does on which data, where, and on which transfer basis. */
function vendorRow(
  item: Dated,
  laws: readonly Law[],
  scopes: readonly ScopeDeclaration[],
  view: View,
  declared: readonly DeclaredLaw[],
): string {
  const { entry, upcoming } = item;
  const locations = entry.locations.filter(view.places);
  const dates = [
    ...(upcoming?.starts !== undefined ? [`<span class="status">starts on ${timeElement(upcoming.starts)}</span>`] : []),
    ...(upcoming?.retires !== undefined ? [`<span class="status">retires on ${timeElement(upcoming.retires)}</span>`] : []),
  ];
  const scope = scopeWords(entry.when, scopes);
  const name = [
    esc(entry.name),
    ...(entry.legalEntity ? [`<br><span class="note">${esc(entry.legalEntity)}</span>`] : []),
    ...(entry.users && view.showsUsers ? [`<br><span class="note">Only for ${esc(usersWords(entry.users))}</span>`] : []),
    ...(scope ? [`<br><span class="note">${esc(scope.replace(/^only/, 'Only'))}</span>`] : []),
    ...dates.map((d) => `<br>${d}`),
    ...(entry.links?.website !== undefined ? [`<br>${externalLink(entry.links.website, 'Website')}`] : []),
    ...(entry.links?.dpa !== undefined ? [` · ${externalLink(entry.links.dpa, 'Data processing terms')}`] : []),
  ].join('');
  const work = [
    ...(entry.service ? [esc(entry.service)] : []),
    ...(entry.tasks.length > 0 ? [`<ul class="tasks">${entry.tasks.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`] : []),
    ...dataLines(entry, locations),
    ...(entry.notes ? [`<p class="note">${esc(entry.notes)}</p>`] : []),
  ].join('');
  const where = locations.map((l) => esc(placeWords(l, scopes))).join('<br>');
  const how = locations.map((l) => `${esc(locationMechanismWords(l, laws))}${coverageList(l, declared)}`).join('<br>');
  return `<tr id="${esc(view.prefix)}vendor-${esc(entry.id)}"><th scope="row">${name}</th><td data-label="Service, tasks and data">${work}</td><td data-label="Where">${where}</td><td data-label="Transfer mechanism">${how}</td></tr>`;
}

/** Under each place's mechanisms, what covers it under each declared law: "UK GDPR: UK Addendum to the EU SCCs (Art. 46(2)(d))". */
function coverageList(location: ReleaseLocation, declared: readonly DeclaredLaw[]): string {
  const items = declared.flatMap((law) => {
    const coverage = coverageUnder(location, law);
    return coverage ? [`<li>${esc(`${law.name}: ${coverageWords(coverage, law)}`)}</li>`] : [];
  });
  return items.length > 0 ? `<ul class="coverage">${items.join('')}</ul>` : '';
}

const VENDOR_HEADINGS = ['Subprocessor', 'Service, tasks and data', 'Where', 'Transfer mechanism'];

/** The regions a registry scopes users by, in the order of the first entry or location naming each. */
function userRegions(listed: readonly Dated[]): string[] {
  const found = new Set<string>();
  for (const { entry } of listed) {
    for (const code of entry.users ?? []) found.add(code);
    for (const location of entry.locations) for (const code of location.users ?? []) found.add(code);
  }
  return [...found].sort();
}

/** Whether a user scope (none: every user) and a region share users: EU users are among Europe's, and Europe's among the EU's. */
function reaches(scope: readonly string[] | undefined, region: string): boolean {
  return scope === undefined || scope.some((code) => placeWithin(code, region) || placeWithin(region, code));
}

/** Who processes a region's users' data: a vendor whose users include some of the region's, in a place that receives them. */
function servesRegion(item: Dated, region: string): boolean {
  return reaches(item.entry.users, region) && item.entry.locations.some((l) => reaches(l.users, region));
}

function listSections(doc: Release, listed: readonly Dated[], laws: readonly Law[], view: View = ALL): string[] {
  const out: string[] = [];
  for (const category of doc.categories) {
    const rows = listed.filter((d) => d.entry.category === category.id);
    if (rows.length === 0) continue;
    const id = `category-${view.prefix === '' ? 'all-' : esc(view.prefix)}${esc(category.id)}`;
    out.push(
      table(
        id,
        esc(category.title),
        VENDOR_HEADINGS,
        rows.map((d) => vendorRow(d, laws, doc.scopes ?? [], view, showsCoverage(doc) ? declaredLaws(doc) : [])),
      ),
    );
  }
  return out;
}

/** The region's view: who processes its users' data, and only at the places that receive it. */
function regionView(region: string): View {
  return { prefix: `${region}-`, places: (l) => reaches(l.users, region), showsUsers: false };
}

/** A declared scope's view: the vendors that apply in it, at the places that apply in it (docs/scopes.md). */
function scopeView(scope: ScopeDeclaration): View {
  return { prefix: `scope-${scope.id}-`, places: (l) => appliesIn(l.when, scope), showsUsers: true };
}

const SCOPE_HEADINGS = { product: 'for', feature: 'with', residency: 'in' } as const;

/** A view per declared scope, products first, then residencies, then features: the order customers choose them in. */
function scopeSections(doc: Release, listed: readonly Dated[], laws: readonly Law[]): { links: string[]; sections: string[] } {
  const order = ['product', 'residency', 'feature'] as const;
  const declared = [...(doc.scopes ?? [])].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const links: string[] = [];
  const sections: string[] = [];
  for (const scope of declared) {
    const view = scopeView(scope);
    const serving = listed.filter((d) => appliesIn(d.entry.when, scope) && d.entry.locations.some(view.places));
    const words = `${SCOPE_HEADINGS[scope.kind]} ${scope.title}`;
    const id = `scope-${esc(scope.id)}`;
    links.push(`<li><a href="#${id}">${esc(words.charAt(0).toUpperCase() + words.slice(1))}</a></li>`);
    sections.push(
      [
        `<section id="${id}" aria-labelledby="${id}-heading">`,
        `<h2 id="${id}-heading">Subprocessors ${esc(words)}</h2>`,
        `<p>${serving.length} of ${listed.length} subprocessors process personal data ${esc(words)}, in the places below.</p>`,
        ...listSections(doc, serving, laws, view),
        `</section>`,
      ].join('\n'),
    );
  }
  return { links, sections };
}

function upcomingSection(listed: readonly Dated[]): string {
  const changes = listed
    .flatMap((d) => [
      ...(d.upcoming?.starts !== undefined
        ? [{ day: d.upcoming.starts, text: `${esc(d.entry.name)} starts on ${timeElement(d.upcoming.starts)}` }]
        : []),
      ...(d.upcoming?.retires !== undefined
        ? [{ day: d.upcoming.retires, text: `${esc(d.entry.name)} retires on ${timeElement(d.upcoming.retires)}` }]
        : []),
    ])
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const body = changes.length === 0 ? '<p>No change is announced.</p>' : `<ul>${changes.map((c) => `<li>${c.text}</li>`).join('')}</ul>`;
  return `<section aria-labelledby="upcoming"><h2 id="upcoming">Upcoming changes</h2>\n${body}</section>`;
}

function recentSection(release: BuiltRelease): string {
  const items = release.feed.items.slice(0, RECENT_RELEASES);
  const body = items.map(
    (item) =>
      // id = the feed item's id (v1.2.0): the feeds link each entry to the page at #v1.2.0.
      `<article id="${esc(item.id)}"><h3>${esc(item.title)}</h3><p class="meta">Released ${timeElement(item.date_published.slice(0, 10))}</p><p class="changes">${esc(item.content_text.trim())}</p></article>`,
  );
  return `<section aria-labelledby="recent"><h2 id="recent">Recent changes</h2>\n${body.length > 0 ? body.join('\n') : '<p>No release is recorded yet.</p>'}</section>`;
}

function retiredSection(retired: readonly Dated[]): string {
  if (retired.length === 0) return '';
  const rows = retired.map(
    ({ entry }) =>
      `<tr><th scope="row">${esc(entry.name)}</th><td data-label="Retired on">${entry.retired ? timeElement(entry.retired.on) : ''}</td><td data-label="Reason">${esc(entry.retired?.reason ?? '')}</td></tr>`,
  );
  return `<section aria-labelledby="retired"><h2 id="retired">Retired subprocessors</h2>\n${table('retired-table', 'No longer processing personal data', ['Subprocessor', 'Retired on', 'Reason'], rows)}</section>`;
}

function contactSection(release: BuiltRelease): string {
  const contact = release.settings.controller.contact;
  const link = contact === undefined ? '' : `<p>Contact: ${externalLink(contactHref(contact), contact)}</p>`;
  return `<section aria-labelledby="contact"><h2 id="contact">Questions and objections</h2>\n<p>${esc(noticeText(release.settings))}</p>${link}</section>`;
}

function filesSection(): string {
  const files: [string, string][] = [
    [RELEASE_FILE, 'The list as signed JSON'],
    [SIGNATURE_FILE, 'Its minisign signature'],
    [PUBLIC_KEY_FILE, 'The minisign public key'],
    [ATOM_FILE, 'Atom feed of changes'],
    [FEED_FILE, 'JSON Feed of changes'],
    [CSV_FILE, 'The list as CSV for spreadsheets'],
    [CHECKSUMS_FILE, 'SHA-256 checksums of these files'],
  ];
  const items = files.map(([file, what]) => `<li><a href="${file}">${file}</a>: ${what}</li>`).join('');
  return `<section aria-labelledby="files"><h2 id="files">Files and feeds</h2>\n<ul>${items}</ul></section>`;
}

/** The whole page. */
export function renderPage(release: BuiltRelease): string {
  const { doc, settings } = release;
  const title = settings.title ?? `${doc.controller.name} subprocessors`;
  const laws = documentLaws(doc);
  const all = doc.subprocessors.map((entry) => dated(doc, entry));
  const listed = all.filter((d) => d.status !== 'retired');
  const retired = all.filter((d) => d.status === 'retired');
  const processing = listed.filter((d) => d.status !== 'upcoming').length;
  const regions = userRegions(listed);
  const canonical = release.pageUrl !== undefined ? safeHref(release.pageUrl) : undefined;
  const released = releaseDay(doc.releasedAt);
  const scoped = scopeSections(doc, listed, laws);

  const regionSections = regions.map((region) => {
    const serving = listed.filter((d) => servesRegion(d, region));
    return [
      `<section id="users-${esc(region)}" aria-labelledby="users-${esc(region)}-heading">`,
      `<h2 id="users-${esc(region)}-heading">Subprocessors for ${esc(usersWords([region]))}</h2>`,
      `<p>${serving.length} of ${listed.length} subprocessors process personal data of ${esc(usersWords([region]))}, in the places below.</p>`,
      ...listSections(doc, serving, laws, regionView(region)),
      `</section>`,
    ].join('\n');
  });

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    ...(canonical !== undefined ? [`<link rel="canonical" href="${esc(canonical)}">`] : []),
    `<link rel="alternate" type="application/atom+xml" href="${ATOM_FILE}" title="${esc(title)} (Atom)">`,
    `<link rel="alternate" type="application/feed+json" href="${FEED_FILE}" title="${esc(title)} (JSON Feed)">`,
    // A data: icon, so the browser does not ask the server for /favicon.ico.
    '<link rel="icon" href="data:,">',
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the list</a>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
    ...(settings.introduction ? [`<p>${esc(settings.introduction)}</p>`] : []),
    `<p class="meta">Version ${esc(doc.version)}, released ${timeElement(released)}, valid until ${timeElement(doc.expiresAt.slice(0, 10))}.</p>`,
    '</header>',
    '<nav aria-label="Views and sections">',
    '<ul>',
    '<li><a href="#all">All users</a></li>',
    ...regions.map((r) => `<li><a href="#users-${esc(r)}">${esc(usersWords([r]).replace(/^users/, 'Users'))}</a></li>`),
    ...scoped.links,
    '<li><a href="#upcoming">Upcoming changes</a></li>',
    '<li><a href="#recent">Recent changes</a></li>',
    ...(retired.length > 0 ? ['<li><a href="#retired">Retired</a></li>'] : []),
    '<li><a href="#contact">Questions and objections</a></li>',
    '<li><a href="#files">Files and feeds</a></li>',
    '</ul>',
    '</nav>',
    '<main id="main" tabindex="-1">',
    `<section id="all" aria-labelledby="all-heading">`,
    `<h2 id="all-heading">Subprocessors for all users</h2>`,
    `<p id="count" data-listed="${listed.length}">${processing} subprocessors process personal data on ${timeElement(released)}${listed.length > processing ? `, and ${listed.length - processing} more ${listed.length - processing === 1 ? 'starts' : 'start'} later` : ''}.</p>`,
    ...listSections(doc, listed, laws),
    '</section>',
    upcomingSection(listed),
    ...regionSections,
    ...scoped.sections,
    recentSection(release),
    retiredSection(retired),
    contactSection(release),
    filesSection(),
    '</main>',
    '<footer>',
    `<p>${esc(doc.controller.name)}, ${esc(placeName(doc.controller.country))}. Version ${esc(doc.version)} of this list, built from commit ${esc(doc.source.commit)}. Check the files with <a href="${CHECKSUMS_FILE}">${CHECKSUMS_FILE}</a> and the signatures with <a href="${PUBLIC_KEY_FILE}">${PUBLIC_KEY_FILE}</a>.</p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
