import { isDeepStrictEqual } from 'node:util';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { Law } from './jurisdiction.js';
import type { Snapshot } from './snapshot.js';
import type { Waiver } from './waivers.js';

export const DEFAULT_NOTICE_DAYS = 30;
export const DEFAULT_MAX_WAIVER_DAYS = 180;

/**
 * The settings a run judges with. In a change review they come from the trusted side, the base: a pull request is
 * data, and may not lower the severities, turn off the policies or shorten the notice period it is judged by. Its
 * changes to them take effect after merge. Waivers are the exception a contributor may propose: the head's apply,
 * the ones it adds are listed first, and none may run longer than the base's `maxWaiverDays`.
 */
export interface JudgingSettings {
  readonly overrides: Readonly<Record<string, Severity | 'off'>>;
  readonly noticePeriodDays: number;
  readonly maxWaiverDays: number;
  readonly waivers: readonly Waiver[];
  /** Indexes (in the head's `waivers`) of the waivers the change adds. */
  readonly newWaivers: ReadonlySet<number>;
  /** The country of the controller's main establishment, which decides whose data counts (GDPR Art. 3). */
  readonly establishment?: string;
  /** An explicit reading of Art. 3, when counsel set one; otherwise it follows the establishment, per law. */
  readonly transferScope?: TransferScope;
}

/** The settings that decide how findings are judged, which a change may not alter for its own review. */
export const JUDGING_FIELDS = [
  'policies',
  'noticePeriodDays',
  'maxWaiverDays',
  'transferScope',
] as const satisfies readonly (keyof RegistrySettings)[];

export type TransferScope = NonNullable<RegistrySettings['transferScope']>;

/**
 * `trustBase` is true for a change review. A release is built from what was merged, already reviewed: its own
 * settings apply, and its base (the previous release) only supplies the history.
 */
export function judgingSettings(after: Snapshot, before?: Snapshot, trustBase = true): JudgingSettings {
  const head = after.settings?.value;
  // A base without settings (the registry's first commit) has nothing to trust: the head's own apply.
  const trusted = (trustBase ? before?.settings?.value : undefined) ?? head;
  const baseWaivers = before?.settings?.value.waivers ?? [];
  const waivers = (head?.waivers ?? []).map((w, index) => ({ ...w, index }));
  const newWaivers = new Set(
    before ? (head?.waivers ?? []).flatMap((w, index) => (baseWaivers.some((b) => isDeepStrictEqual(b, w)) ? [] : [index])) : [],
  );
  return {
    overrides: trusted?.policies ?? {},
    noticePeriodDays: trusted?.noticePeriodDays ?? DEFAULT_NOTICE_DAYS,
    maxWaiverDays: trusted?.maxWaiverDays ?? DEFAULT_MAX_WAIVER_DAYS,
    waivers,
    newWaivers,
    ...(trusted?.controller.country !== undefined ? { establishment: trusted.controller.country } : {}),
    ...(trusted?.transferScope !== undefined ? { transferScope: trusted.transferScope } : {}),
  };
}

/** Whose data a law's transfer rules apply to in this run, and why: every output states it. */
export interface Reading {
  readonly law: string;
  readonly reading: TransferScope;
  readonly because: string;
}

/**
 * GDPR Art. 3(1): a controller established inside the zone processes every user's data in the context of that
 * establishment, wherever the users live, and EDPB Guidelines 05/2021 define a transfer without regard to where
 * the data subjects are. Art. 3(2): a controller outside it is covered only for people inside it. Counsel may set
 * another reading; it then applies to every law.
 */
export function readingOf(law: Law, settings: JudgingSettings): Reading {
  if (settings.transferScope !== undefined) {
    return { law: law.id, reading: settings.transferScope, because: `transferScope: ${settings.transferScope} in registry.yaml` };
  }
  const where = settings.establishment;
  if (where === undefined) return { law: law.id, reading: 'users-in-zone', because: 'no controller establishment is recorded' };
  return law.inZone(where)
    ? { law: law.id, reading: 'establishment', because: `the controller is established in ${where}, inside the ${law.zone}` }
    : { law: law.id, reading: 'users-in-zone', because: `the controller is established in ${where}, outside the ${law.zone}` };
}
