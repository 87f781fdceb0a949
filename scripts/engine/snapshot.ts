import type { Registry } from '../registry/load.js';
import type { Snapshot } from './policy.js';

export function toSnapshot(registry: Registry): Snapshot {
  return {
    ...(registry.settings ? { settings: registry.settings } : {}),
    subprocessors: registry.subprocessors,
    byId: new Map(registry.subprocessors.map((s) => [s.value.id, s])),
    files: registry.files,
  };
}

export const EMPTY_SNAPSHOT: Snapshot = { subprocessors: [], byId: new Map(), files: new Map() };
