import { addDays } from '../scripts/diagnostics/dates.js';
import type { MessageData } from '../scripts/diagnostics/template.js';
import { changeItems, needsNotice, type ChangeItem, type NoticeKind } from '../scripts/engine/change.js';
import { definePolicy } from '../scripts/engine/policy.js';
import type { PublisherRole } from '../scripts/engine/settings.js';
import { categoryLabel } from '../scripts/registry/data-vocabulary.js';
import { describeMechanisms, mechanismField, mechanismWords } from '../scripts/registry/location-mechanisms.js';
import { describeLocation, placeLabel } from '../scripts/registry/places.js';
import { scopeWords, type ScopeDeclaration } from '../scripts/registry/scopes.js';
import type { Location } from '../scripts/generated/subprocessor.js';

type NoticeMessage =
  | 'notice-added'
  | 'notice-reactivated'
  | 'notice-retired'
  | 'notice-deleted'
  | 'notice-place'
  | 'notice-mechanism'
  | 'notice-scope'
  | 'notice-when'
  | 'notice-special-data';

/** Which notice each kind of change the change table marks for notice gets: exhaustive, so a new kind needs one. */
const NOTICE_OF = {
  added: 'notice-added',
  reactivated: 'notice-reactivated',
  retired: 'notice-retired',
  deleted: 'notice-deleted',
  'place-added': 'notice-place',
  'mechanism-changed': 'notice-mechanism',
  'users-widened': 'notice-scope',
  'scope-widened': 'notice-when',
  'special-data-added': 'notice-special-data',
} as const satisfies Record<NoticeKind, NoticeMessage>;

/** The data of an item's notice; the notice period's own findings reuse it. */
function noticeData(item: ChangeItem, role: PublisherRole, scopes: readonly ScopeDeclaration[]): MessageData {
  const name = item.entry?.name ?? item.id;
  // A scoped vendor or place says so in its notice: customers without the feature or product can tell it is not theirs.
  const scoped = (what: Pick<Location, 'when'>) => {
    const words = scopeWords(what.when, scopes);
    return words ? `, ${words}` : '';
  };
  switch (item.kind) {
    case 'added':
    case 'reactivated':
      return {
        name,
        since: item.entry.since ?? 'no date',
        places: `${item.entry.locations.map((l) => `${describeLocation(l)}${scoped(l)}`).join(', ')}${scoped(item.entry)}`,
      };
    case 'scope-widened': {
      const words = (when: Location['when']) => scopeWords(when, scopes) ?? 'whatever the product, feature or residency';
      const where = item.location ? ` at ${placeLabel(item.location.place)}` : '';
      return { name, where, before: words(item.before), after: words(item.after) };
    }
    case 'special-data-added':
      return {
        name,
        categories: item.categories.map(categoryLabel).join(', '),
        where: item.location ? ` at ${placeLabel(item.location.place)}` : '',
      };
    case 'retired':
      return { name, on: item.entry.retired?.on ?? '?', reason: item.entry.retired?.reason ?? '?' };
    case 'place-added':
      return {
        name,
        place: placeLabel(item.location.place),
        since: item.location.since ?? 'no date',
        mechanism: `${describeMechanisms(item.location)}${scoped(item.location)}`,
      };
    case 'users-widened': {
      // A processor's list is read by its customers (the controllers): unscoped, the data is every customer's.
      const everyone = role === 'processor' ? 'every customer' : 'every user';
      const scope = (users: readonly string[] | undefined) => (users ? `users in ${users.join(', ')}` : everyone);
      const where = item.location ? placeLabel(item.location.place) : item.entry.locations.map((l) => l.place).join(', ');
      return { name, place: where, before: scope(item.before), after: scope(item.after) };
    }
    case 'mechanism-changed':
      return { name, place: placeLabel(item.location.place), before: mechanismWords(item.before), after: mechanismWords(item.after) };
    default:
      return { name };
  }
}

/**
 * GDPR Art. 28(2) and (4): customers hear of an added or replaced subprocessor before it starts, and may object.
 * The registry's noticePeriodDays says how long before. Every change the change table marks for notice is listed.
 */
export default definePolicy({
  id: 'new-subprocessor-notice',
  severity: 'error',
  needsHistory: true,
  description:
    'A new subprocessor, or a new place for an existing one, starts before the notice period has run; every change customers must hear of is listed.',
  severities: {
    'notice-added': 'info',
    'notice-reactivated': 'info',
    'notice-place': 'info',
    'notice-retired': 'info',
    'notice-deleted': 'info',
    'notice-mechanism': 'info',
    'notice-scope': 'info',
    'notice-when': 'info',
    'notice-special-data': 'info',
  },
  notices: [
    'notice-added',
    'notice-reactivated',
    'notice-place',
    'notice-retired',
    'notice-deleted',
    'notice-mechanism',
    'notice-scope',
    'notice-when',
    'notice-special-data',
  ],
  messages: {
    'too-soon': '{{name}} starts on {{since}}, before the {{days}}-day notice period ends on {{earliest}}',
    'no-start-date': "{{name}} is new but has no start date: customers need {{days}} days' notice",
    'place-too-soon': '{{name}} starts using {{place}} on {{since}}, before the {{days}}-day notice period ends on {{earliest}}',
    'place-no-start-date': "{{name}} adds {{place}} with no start date: customers need {{days}} days' notice",
    'notice-added': 'new subprocessor {{name}} ({{places}}) from {{since}}',
    'notice-reactivated': '{{name}} is engaged again ({{places}}) from {{since}}',
    'notice-place': '{{name}} adds {{place}} ({{mechanism}}) from {{since}}',
    'notice-retired': '{{name}} retired on {{on}}: {{reason}}',
    'notice-deleted': '{{name}} is no longer listed',
    'notice-mechanism': '{{name}} changes the mechanism for {{place}} from {{before}} to {{after}}',
    'notice-scope': "{{name}} now receives {{after}}'s data at {{place}} (was {{before}})",
    'notice-when': '{{name}} now receives data{{where}} {{after}} (was {{before}})',
    'notice-special-data': '{{name}} now processes {{categories}}{{where}}',
  },
  hints: {
    'too-soon': 'Set since: {{earliest}} or later, and tell customers now.',
    'no-start-date': 'Add since: {{earliest}} (or later), the day it starts processing.',
    'place-too-soon': "Set this location's since: {{earliest}} or later.",
    'place-no-start-date': 'Add since: {{earliest}} (or later) to this location.',
  },
  check({ change, before, after, settings, today }, report) {
    if (!change) return;
    // The base's notice period: a pull request cannot shorten the notice its own additions get.
    const days = settings.noticePeriodDays;
    const earliest = addDays(today, days);
    for (const item of changeItems(change)) {
      if (!needsNotice(item.kind)) continue;
      const data = noticeData(item, settings.role, after.settings?.value.scopes ?? []);
      const at = { subprocessor: item.id, data };
      if (item.kind === 'deleted') {
        report({ ...at, messageId: NOTICE_OF[item.kind], file: { file: before?.files.get(item.id) ?? item.id }, path: [] });
        continue;
      }
      const file = after.byId.get(item.id);
      if (!file) continue;
      if (item.kind === 'added' || item.kind === 'reactivated') {
        // Engaging a vendor (again) is what the notice period exists for; retired on arrival, it starts nothing.
        if (item.entry.status === 'retired') continue;
        const timing = { ...at, data: { ...data, days, earliest }, file };
        if (item.entry.since === undefined) report({ ...timing, messageId: 'no-start-date', path: ['id'] });
        else if (item.entry.since < earliest) report({ ...timing, messageId: 'too-soon', path: ['since'] });
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path: ['id'] });
      } else if (item.kind === 'place-added') {
        const timing = { ...at, data: { ...data, days, earliest }, file };
        if (item.location.since === undefined) report({ ...timing, messageId: 'place-no-start-date', path: ['locations', item.index] });
        else if (item.location.since < earliest)
          report({ ...timing, messageId: 'place-too-soon', path: ['locations', item.index, 'since'] });
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path: ['locations', item.index] });
      } else if (item.kind === 'users-widened') {
        // At the scope when one is left; at where the data goes when the scope was removed (every user now).
        const at0 = item.index === undefined ? [] : ['locations', item.index];
        const path = item.after ? [...at0, 'users'] : item.index === undefined ? ['locations'] : at0;
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path });
      } else if (item.kind === 'scope-widened') {
        // At the scope when one is left; at the place, or the vendor, when it was removed (every customer now).
        const at0 = item.index === undefined ? [] : ['locations', item.index];
        const path = item.after ? [...at0, 'when'] : item.index === undefined ? ['id'] : at0;
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path });
      } else if (item.kind === 'special-data-added') {
        // At the list that gained them; at the place when it dropped its own list and now takes the vendor's.
        const at0 = item.index === undefined ? [] : ['locations', item.index];
        const path = item.location && item.location.dataCategories === undefined ? at0 : [...at0, 'dataCategories'];
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path });
      } else if (item.kind === 'mechanism-changed') {
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path: ['locations', item.index, ...mechanismField(item.location)] });
      } else {
        report({ ...at, messageId: NOTICE_OF[item.kind], file, path: ['status'] });
      }
    }
  },
});
