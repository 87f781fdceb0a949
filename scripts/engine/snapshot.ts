import type { RegistrySettings } from '../generated/registry.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import type { LoadedFile, Registry } from '../registry/load.js';

/** One side of a change: the registry as loaded, indexed by id, with the positions of every file beside it. */
export interface Snapshot {
  readonly settings?: LoadedFile<RegistrySettings>;
  readonly subprocessors: readonly LoadedFile<Subprocessor>[];
  readonly byId: ReadonlyMap<string, LoadedFile<Subprocessor>>;
  /** The valid entries alone, id → entry: what a change is computed over. */
  readonly entries: ReadonlyMap<string, Subprocessor>;
  /** Every subprocessor file present, valid or not, by id → path. */
  readonly files: ReadonlyMap<string, string>;
}

export function toSnapshot(registry: Registry): Snapshot {
  return {
    ...(registry.settings ? { settings: registry.settings } : {}),
    subprocessors: registry.subprocessors,
    byId: new Map(registry.subprocessors.map((s) => [s.value.id, s])),
    entries: new Map(registry.subprocessors.map((s) => [s.value.id, s.value])),
    files: registry.files,
  };
}

export const EMPTY_SNAPSHOT: Snapshot = { subprocessors: [], byId: new Map(), entries: new Map(), files: new Map() };
