import { isDeepStrictEqual } from 'node:util';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { RegistrySettings } from '../generated/registry.js';
import type { Law } from './jurisdiction.js';
import type { Snapshot } from './snapshot.js';
import type { Waiver } from './waivers.js';

export const DEFAULT_NOTICE_DAYS = 30;
export const DEFAULT_MAX_WAIVER_DAYS = 180;
/** The laws a registry answers to when registry.yaml names none: the EU GDPR, as every registry did before others were shipped. */
export const DEFAULT_JURISDICTIONS: readonly string[] = ['eu-gdpr'];

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
  /** The country of the publisher's main establishment, which decides whose data counts (GDPR Art. 3). */
  readonly establishment?: string;
  /** What the publisher is: a controller listing its subprocessors, or a processor listing its sub-processors. */
  readonly role: PublisherRole;
  /** An explicit reading of Art. 3, when counsel set one; otherwise it follows the establishment, per law. */
  readonly transferScope?: TransferScope;
  /** The ids of the laws the run judges transfers under (registry.yaml's jurisdictions), the trusted side's. */
  readonly jurisdictions: readonly string[];
  /** Severities for one law's findings alone, by law id then policy id: they beat `overrides` for that law. */
  readonly lawOverrides: Readonly<Record<string, Readonly<Record<string, Severity | 'off'>>>>;
}

type Jurisdiction = NonNullable<RegistrySettings['jurisdictions']>[number];

/** The ids of the declared laws, in order, whether an item is written as an id or as { id, policies }. */
export function jurisdictionIds(items: readonly Jurisdiction[] | undefined): readonly string[] {
  return items === undefined ? DEFAULT_JURISDICTIONS : items.map((item) => (typeof item === 'string' ? item : item.id));
}

function lawOverridesOf(items: readonly Jurisdiction[] | undefined): JudgingSettings['lawOverrides'] {
  return Object.fromEntries(
    (items ?? []).flatMap((item) => (typeof item === 'string' || !item.policies ? [] : [[item.id, item.policies]])),
  );
}

/** The settings that decide how findings are judged, which a change may not alter for its own review. */
export const JUDGING_FIELDS = [
  'policies',
  'noticePeriodDays',
  'maxWaiverDays',
  'transferScope',
  'jurisdictions',
] as const satisfies readonly (keyof RegistrySettings)[];

export type TransferScope = NonNullable<RegistrySettings['transferScope']>;
export type PublisherRole = NonNullable<RegistrySettings['controller']['role']>;

/** A registry that does not state a role is a controller's, as every registry was before roles existed. */
export function publisherRole(settings: Pick<RegistrySettings, 'controller'> | undefined): PublisherRole {
  return settings?.controller.role ?? 'controller';
}

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
    // The trusted side's, like the establishment: a pull request may not change the reading it is judged by.
    role: publisherRole(trusted),
    ...(trusted?.transferScope !== undefined ? { transferScope: trusted.transferScope } : {}),
    // Declaring a law adds findings, removing one drops them: either way the change is judged by the base's laws.
    jurisdictions: jurisdictionIds(trusted?.jurisdictions),
    // Part of jurisdictions, so the base's too: a pull request may not lower the UK's severities for its own review.
    lawOverrides: lawOverridesOf(trusted?.jurisdictions),
  };
}

/** Whose data a law's transfer rules apply to in this run, and why: every output states it. */
export interface Reading {
  readonly law: string;
  readonly reading: TransferScope;
  readonly because: string;
  /** Whose data the reading speaks of: a controller's users, or a processor's customers (and their users). */
  readonly role: PublisherRole;
}

/**
 * GDPR Art. 3(1): a controller established inside the zone processes every user's data in the context of that
 * establishment, wherever the users live, and EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V
 * (v2.0, 2023-02-14) define a transfer by three criteria, none of them where the data subjects are. Art. 3(2): a
 * controller outside it is covered only for people inside it.
 *
 * A processor publishing its sub-processors (Art. 28(2) and (4): its customers, the controllers, are told of each one
 * and may object) is read the same way on its own establishment. Established in the zone, Art. 3(1) applies to its
 * processing whoever its customers are (the Guidelines' example of an EU processor acting for a non-EU controller),
 * so all it processes for customers counts. Outside it, the GDPR reaches its processing through its customers: the
 * data of customers established in the zone, or of users in it (Art. 3(2)). For such a processor a sub-processor in
 * a third country receives an onward transfer, processor to processor (SCC module 3, Decision (EU) 2021/914). What
 * could not be confirmed from the sources is listed in docs/publisher-role.md. Counsel may set another reading
 * (transferScope); it then applies to every law.
 */
export function readingOf(law: Law, settings: Pick<JudgingSettings, 'role' | 'transferScope' | 'establishment'>): Reading {
  const role = settings.role;
  if (settings.transferScope !== undefined) {
    return { law: law.id, reading: settings.transferScope, because: `transferScope: ${settings.transferScope} in registry.yaml`, role };
  }
  const where = settings.establishment;
  if (where === undefined) return { law: law.id, reading: 'users-in-zone', because: `no ${role} establishment is recorded`, role };
  if (law.inZone(where))
    return { law: law.id, reading: 'establishment', because: `the ${role} is established in ${where}, inside the ${law.zone}`, role };
  const counts = role === 'processor' ? `only the data of customers or users in the ${law.zone} counts` : undefined;
  return {
    law: law.id,
    reading: 'users-in-zone',
    because: `the ${role} is established in ${where}, outside the ${law.zone}${counts ? `: ${counts}` : ''}`,
    role,
  };
}

/** The laws of the setup the settings declare, in the declared order; a declared id the setup lacks has no facts to judge with. */
export function declaredLaws(laws: readonly Law[], settings: Pick<JudgingSettings, 'jurisdictions'>): readonly Law[] {
  return settings.jurisdictions.flatMap((id) => laws.filter((law) => law.id === id));
}
