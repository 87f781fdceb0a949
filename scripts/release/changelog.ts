import type { Change } from '../engine/change.js';
import type { Release } from '../generated/release.js';
import type { Location } from '../generated/subprocessor.js';
import type { VersionPlan } from './versioning.js';

const place = (l: Location) => `${l.place}${l.users ? ` (users: ${l.users.join(', ')})` : ''}: ${l.mechanism ?? 'no mechanism'}`;

/** What customers must be told of, then everything else: one line each. */
export function changeLines(change: Change): { notice: string[]; other: string[] } {
  const notice: string[] = [];
  const other: string[] = [];
  for (const a of change.added)
    notice.push(`Added ${a.value.name} (${a.value.locations.map(place).join('; ')})${a.value.since ? `, from ${a.value.since}` : ''}.`);
  for (const r of change.reactivated)
    notice.push(
      `Engaged again: ${r.after.value.name} (${r.after.value.locations.map(place).join('; ')})${r.after.value.since ? `, from ${r.after.value.since}` : ''}.`,
    );
  for (const r of change.retired) {
    const retired = r.after.value.retired;
    notice.push(`Retired ${r.after.value.name}${retired ? ` on ${retired.on}: ${retired.reason}` : ''}.`);
  }
  for (const d of change.deleted) notice.push(`Removed ${d.before?.value.name ?? d.id}.`);
  for (const m of change.modified) {
    const name = m.after.value.name;
    for (const { location } of m.placesAdded)
      notice.push(`${name} adds ${place(location)}${location.since ? `, from ${location.since}` : ''}.`);
    for (const c of m.mechanismChanges)
      notice.push(`${name} changes the transfer mechanism for ${c.place} from ${c.before ?? 'none given'} to ${c.after ?? 'none given'}.`);
    for (const location of m.placesRemoved) other.push(`${name} no longer uses ${location.place}.`);
    const fields = m.fields.filter((f) => !f.field.startsWith('locations['));
    if (fields.length > 0) other.push(`${name}: ${fields.map((f) => f.field).join(', ')} updated.`);
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
    if (notice.length > 0) out.push('## Changes that need customer notice', '', ...notice.map((l) => `- ${l}`), '');
    if (other.length > 0) out.push('## Other changes', '', ...other.map((l) => `- ${l}`), '');
    if (notice.length === 0 && other.length === 0)
      out.push(plan.kind === 'reissue' ? 'Re-issued unchanged, with a new expiry date.' : 'Registry settings updated.', '');
  }
  out.push(`Valid until ${doc.expiresAt}. Built from commit ${doc.source.commit}.`, '');
  return out.join('\n');
}
