import { changeItems, needsNotice, type ChangeItem, type ChangeKind, type ItemOf } from '../engine/change.js';
import { markdownText } from '../diagnostics/markdown-text.js';
import type { Release } from '../generated/release.js';
import { describeLocation, describePlace } from '../registry/places.js';
import type { VersionPlan } from './versioning.js';

const since = (date: string | undefined) => (date ? `, from ${date}` : '');
const scope = (users: readonly string[] | undefined) => (users ? `users in ${users.join(', ')}` : 'every user');

function scopeLine(i: ItemOf<'users-widened' | 'users-narrowed'>): string {
  return i.location
    ? `${i.entry.name} changes whose data goes to ${i.location.place}: ${scope(i.after)} (was ${scope(i.before)}).`
    : `${i.entry.name} changes whose data it processes: ${scope(i.after)} (was ${scope(i.before)}).`;
}

/** One line per kind of change, in the order the notes list them: exhaustive, so a new kind needs its line. */
const LINES = {
  added: (i) => `Added ${i.entry.name} (${i.entry.locations.map(describeLocation).join('; ')})${since(i.entry.since)}.`,
  reactivated: (i) => `Engaged again: ${i.entry.name} (${i.entry.locations.map(describeLocation).join('; ')})${since(i.entry.since)}.`,
  retired: (i) => `Retired ${i.entry.name}${i.entry.retired ? ` on ${i.entry.retired.on}: ${i.entry.retired.reason}` : ''}.`,
  deleted: (i) => `Removed ${i.entry?.name ?? i.id}.`,
  'place-added': (i) => `${i.entry.name} adds ${describeLocation(i.location)}${since(i.location.since)}.`,
  'mechanism-changed': (i) =>
    `${i.entry.name} changes the transfer mechanism for ${i.location.place} from ${i.before ?? 'none given'} to ${i.after ?? 'none given'}.`,
  'users-widened': scopeLine,
  'users-narrowed': scopeLine,
  'place-removed': (i) => `${i.entry.name} no longer uses ${describePlace(i.location)}.`,
  edited: (i) => `${i.entry.name}: ${i.fields.map((f) => f.field).join(', ')} updated.`,
} satisfies { [K in ChangeKind]: (item: ItemOf<K>) => string };

function line(item: ChangeItem): string {
  // The table is exhaustive per kind; TypeScript cannot correlate item and table entry, hence the one cast.
  return (LINES[item.kind] as (i: ChangeItem) => string)(item);
}

/** What customers must be told of (the change table decides), then everything else: one line each. */
export function changeLines(change: VersionPlan['change']): { notice: string[]; other: string[] } {
  const notice: string[] = [];
  const other: string[] = [];
  if (!change) return { notice, other };
  const items = changeItems(change);
  for (const kind of Object.keys(LINES) as ChangeKind[]) {
    for (const item of items) if (item.kind === kind) (needsNotice(kind) ? notice : other).push(line(item));
  }
  return { notice, other };
}

/** The release notes: CHANGELOG.md for this release, and the text of its feed entry. */
export function changelog(doc: Release, plan: VersionPlan): string {
  const out = [`# ${doc.version} (${doc.releasedAt.slice(0, 10)})`, ''];
  if (plan.kind === 'initial') {
    out.push(`Initial release: ${doc.subprocessors.filter((s) => s.status === 'active').length} active subprocessors.`, '');
  } else if (plan.change) {
    const { notice, other } = changeLines(plan.change);
    // The lines quote registry text (names, reasons, places, mechanism details) and the notes are Markdown: the
    // GitHub release body and the feed entry. The lines' own words use no Markdown, so each is escaped whole.
    const item = (l: string) => `- ${markdownText(l)}`;
    if (notice.length > 0) out.push('## Changes that need customer notice', '', ...notice.map(item), '');
    if (other.length > 0) out.push('## Other changes', '', ...other.map(item), '');
    if (notice.length === 0 && other.length === 0)
      out.push(plan.kind === 'reissue' ? 'Re-issued unchanged, with a new expiry date.' : 'Registry settings updated.', '');
  }
  out.push(`Valid until ${doc.expiresAt}. Built from commit ${doc.source.commit}.`, '');
  return out.join('\n');
}
