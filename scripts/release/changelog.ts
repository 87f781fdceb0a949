import { changeItems, needsNotice, type ChangeItem, type ChangeKind, type ItemOf } from '../engine/change.js';
import type { PublisherRole } from '../engine/settings.js';
import type { Release } from '../generated/release.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { categoryLabel } from '../registry/data-vocabulary.js';
import { mechanismWords as words } from '../registry/location-mechanisms.js';
import { describeLocation, describePlace } from '../registry/places.js';
import { scopeWords, type ScopeDeclaration } from '../registry/scopes.js';
import { releaseDay, statusOn } from './release-doc.js';
import { notesMarkdown, type NotesBlock, type ReleaseNotes } from './notes-render.js';
import { noticeText, type PublicationSettings } from './publication.js';
import type { VersionPlan } from './versioning.js';

const since = (date: string | undefined) => (date ? `, from ${date}` : '');
/**
 * A processor's list is read by its customers, the controllers it processes data for (GDPR Art. 28(2)): data not
 * scoped to some users is every customer's. A controller's is read by its users.
 */
function scopeOf(users: readonly string[] | undefined, role: PublisherRole): string {
  return users ? `users in ${users.join(', ')}` : role === 'processor' ? 'every customer' : 'every user';
}

function scopeLine(i: ItemOf<'users-widened' | 'users-narrowed'>, _day: string, role: PublisherRole): string {
  const scope = (users: readonly string[] | undefined) => scopeOf(users, role);
  return i.location
    ? `${i.entry.name} changes whose data goes to ${i.location.place}: ${scope(i.after)} (was ${scope(i.before)}).`
    : `${i.entry.name} changes whose data it processes: ${scope(i.after)} (was ${scope(i.before)}).`;
}

/** ", only with AI features" after what has a when:, nothing otherwise. */
function scoped(what: Pick<Subprocessor, 'when'>, scopes: readonly ScopeDeclaration[]): string {
  const words = scopeWords(what.when, scopes);
  return words ? `, ${words}` : '';
}

function placesWithScopes(entry: Subprocessor, scopes: readonly ScopeDeclaration[]): string {
  return entry.locations.map((l) => `${describeLocation(l)}${scoped(l, scopes)}`).join('; ');
}

/** A product, feature or residency scope in words, with the titles the release declares. */
function whenLine(
  i: ItemOf<'scope-widened' | 'scope-narrowed'>,
  _day: string,
  _role: PublisherRole,
  scopes: readonly ScopeDeclaration[],
): string {
  const words = (when: ItemOf<'scope-widened'>['before']) => scopeWords(when, scopes) ?? 'always';
  const what = i.location ? `when data goes to ${describePlace(i.location)}` : 'when it processes data';
  return `${i.entry.name} changes ${what}: ${words(i.after)} (was ${words(i.before)}).`;
}

/** A retirement dated after the release is announced, not done: the vendor still processes data until that day. */
function retiredLine(i: ItemOf<'retired'>, day: string): string {
  const retired = i.entry.retired;
  if (!retired) return `Retired ${i.entry.name}.`;
  return retired.on > day
    ? `${i.entry.name} retires on ${retired.on}: ${retired.reason}.`
    : `Retired ${i.entry.name} on ${retired.on}: ${retired.reason}.`;
}

/**
 * One line per kind of change, in the order the notes list them: exhaustive, so a new kind needs its line. `day` is
 * the release date, which decides whether a dated start or retirement is past or still to come.
 */
const LINES = {
  added: (i, _d, _r, s) => `Added ${i.entry.name} (${placesWithScopes(i.entry, s)})${scoped(i.entry, s)}${since(i.entry.since)}.`,
  reactivated: (i, _d, _r, s) =>
    `Engaged again: ${i.entry.name} (${placesWithScopes(i.entry, s)})${scoped(i.entry, s)}${since(i.entry.since)}.`,
  retired: retiredLine,
  deleted: (i) => `Removed ${i.entry?.name ?? i.id}.`,
  'place-added': (i, _d, _r, s) =>
    `${i.entry.name} adds ${describeLocation(i.location)}${scoped(i.location, s)}${since(i.location.since)}.`,
  'mechanism-changed': (i) =>
    `${i.entry.name} changes the transfer mechanism for ${i.location.place} from ${words(i.before)} to ${words(i.after)}.`,
  'users-widened': scopeLine,
  'users-narrowed': scopeLine,
  'scope-widened': whenLine,
  'scope-narrowed': whenLine,
  'special-data-added': (i) =>
    `${i.entry.name} now processes ${i.categories.map(categoryLabel).join(', ')}${i.location ? ` in ${describePlace(i.location)}` : ''}.`,
  'place-removed': (i) => `${i.entry.name} no longer uses ${describePlace(i.location)}.`,
  edited: (i) => `${i.entry.name}: ${i.fields.map((f) => f.field).join(', ')} updated.`,
} satisfies { [K in ChangeKind]: (item: ItemOf<K>, day: string, role: PublisherRole, scopes: readonly ScopeDeclaration[]) => string };

type Line = (i: ChangeItem, day: string, role: PublisherRole, scopes: readonly ScopeDeclaration[]) => string;

/** The order the release notes list kinds in (the table's): `subproc diff` lists its items in the same order. */
export const NOTE_ORDER = Object.keys(LINES) as ChangeKind[];

function line(item: ChangeItem, day: string, role: PublisherRole, scopes: readonly ScopeDeclaration[]): string {
  // The table is exhaustive per kind; TypeScript cannot correlate item and table entry, hence the one cast.
  return (LINES[item.kind] as Line)(item, day, role, scopes);
}

/** What customers must be told of (the change table decides), then everything else: one line each. */
export function changeLines(
  change: VersionPlan['change'],
  day: string,
  role: PublisherRole = 'controller',
  scopes: readonly ScopeDeclaration[] = [],
): { notice: string[]; other: string[] } {
  const notice: string[] = [];
  const other: string[] = [];
  if (!change) return { notice, other };
  const items = changeItems(change);
  for (const kind of Object.keys(LINES) as ChangeKind[]) {
    for (const item of items) if (item.kind === kind) (needsNotice(kind) ? notice : other).push(line(item, day, role, scopes));
  }
  return { notice, other };
}

/**
 * The first release in words, counted by status on the release date: a vendor that starts later is not yet
 * processing, and one whose retirement is still to come still is. Counts and dates only, no registry text.
 */
function initialSummary(doc: Release): string {
  const day = releaseDay(doc.releasedAt);
  const count = { active: 0, retiring: 0, upcoming: 0, retired: 0 };
  for (const entry of doc.subprocessors) count[statusOn(entry, day).statusOnRelease] += 1;
  const processing = count.active + count.retiring;
  const parts = [`${processing} ${processing === 1 ? 'subprocessor' : 'subprocessors'} processing personal data`];
  if (count.retiring > 0) parts.push(`${count.retiring} of them retiring on a later date`);
  if (count.upcoming > 0) parts.push(`${count.upcoming} starting on a later date`);
  if (count.retired > 0) parts.push(`${count.retired} retired`);
  return `Initial release: ${parts.join('; ')}.`;
}

/** The release document's own settings, for callers without registry.yaml's: the notice text made from them. */
const settingsOf = (doc: Release): PublicationSettings => ({ controller: doc.controller, noticePeriodDays: doc.noticePeriodDays });

/** What changed, how long the release is valid, and how to object (the publisher's words or ones made from its contact). */
export function releaseNotes(doc: Release, plan: VersionPlan, settings: PublicationSettings = settingsOf(doc)): ReleaseNotes {
  const blocks: NotesBlock[] = [];
  const paragraph = (text: string) => blocks.push({ kind: 'paragraph', text });
  if (plan.kind === 'initial') {
    paragraph(initialSummary(doc));
  } else if (plan.change) {
    const role = doc.controller.role ?? 'controller';
    const { notice, other } = changeLines(plan.change, releaseDay(doc.releasedAt), role, doc.scopes);
    // A processor's customers are controllers, told of each added or replaced sub-processor and free to object.
    const heading = role === 'processor' ? 'Changes customers must be told of (GDPR Art. 28(2))' : 'Changes that need customer notice';
    if (notice.length > 0) blocks.push({ kind: 'list', heading, lines: notice });
    if (other.length > 0) blocks.push({ kind: 'list', heading: 'Other changes', lines: other });
    if (notice.length === 0 && other.length === 0)
      paragraph(plan.kind === 'reissue' ? 'Re-issued unchanged, with a new expiry date.' : 'Registry settings updated.');
  }
  paragraph(`Valid until ${doc.expiresAt}. Built from commit ${doc.source.commit}.`);
  const contact = settings.controller.contact;
  blocks.push({ kind: 'paragraph', text: noticeText(settings), ...(contact ? { contact } : {}) });
  return { title: `${doc.version} (${doc.releasedAt.slice(0, 10)})`, blocks };
}

/** CHANGELOG.md for this release (and the GitHub release body). */
export function changelog(doc: Release, plan: VersionPlan, settings?: PublicationSettings): string {
  return notesMarkdown(releaseNotes(doc, plan, settings));
}
