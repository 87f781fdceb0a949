import type { Change, Modified } from '../engine/change.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import type { ChangeSummary, EntryChange } from '../generated/output.js';
import type { LoadedFile } from '../registry/load.js';

export function placesOf(sub: Subprocessor): string[] {
  return sub.locations.map((l) => `${l.place}${l.users ? ` (users: ${l.users.join(', ')})` : ''}: ${l.mechanism ?? 'no mechanism'}`);
}

function entry(file: LoadedFile<Subprocessor>): EntryChange {
  return { id: file.value.id, name: file.value.name, file: file.file, places: placesOf(file.value) };
}

function modified(diff: Modified): EntryChange {
  return {
    ...entry(diff.after),
    fields: diff.fields.map((f) => ({
      field: f.field,
      ...(f.before !== undefined ? { before: f.before } : {}),
      ...(f.after !== undefined ? { after: f.after } : {}),
    })),
  };
}

/** The change as the JSON output and the Markdown report show it. */
export function summariseChange(change: Change): ChangeSummary {
  return {
    added: change.added.map(entry),
    retired: change.retired.map(modified),
    reactivated: change.reactivated.map(modified),
    deleted: change.deleted.map((d) => ({
      id: d.id,
      name: d.before?.value.name ?? d.id,
      file: d.file,
      ...(d.before ? { places: placesOf(d.before.value) } : {}),
    })),
    modified: change.modified.map(modified),
  };
}
