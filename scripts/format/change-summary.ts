import { entriesWith, modifiedEntries, type Change, type EntryChange } from '../engine/change.js';
import type { ChangeSummary, EntryChange as EntryRecord } from '../generated/output.js';
import { describeLocation } from '../registry/places.js';

function record(e: EntryChange, withFields: boolean): EntryRecord {
  const entry = e.after ?? e.before;
  return {
    id: e.id,
    name: entry?.name ?? e.id,
    file: e.file ?? e.id,
    ...(entry ? { places: entry.locations.map(describeLocation) } : {}),
    ...(withFields
      ? {
          fields: e.fields.map((f) => ({
            field: f.field,
            ...(f.before !== undefined ? { before: f.before } : {}),
            ...(f.after !== undefined ? { after: f.after } : {}),
          })),
        }
      : {}),
  };
}

/** The change as the JSON output shows it (schemas/output.schema.json, ChangeSummary). */
export function summariseChange(change: Change): ChangeSummary {
  return {
    added: entriesWith(change, 'added').map((e) => record(e, false)),
    retired: entriesWith(change, 'retired').map((e) => record(e, true)),
    reactivated: entriesWith(change, 'reactivated').map((e) => record(e, true)),
    deleted: entriesWith(change, 'deleted').map((e) => record(e, false)),
    modified: modifiedEntries(change).map((e) => record(e, true)),
  };
}
