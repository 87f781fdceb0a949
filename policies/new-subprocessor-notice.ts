import type { Subprocessor } from '../scripts/generated/subprocessor.js';
import { addDays } from '../scripts/diagnostics/dates.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { placeLabel } from '../scripts/engine/place-label.js';

/**
 * GDPR Art. 28(2) and (4): customers hear of an added or replaced subprocessor before it starts, and may object.
 * The registry's noticePeriodDays says how long before. New places count too: they change where data goes.
 */
export default definePolicy({
  id: 'new-subprocessor-notice',
  severity: 'error',
  needsHistory: true,
  description:
    'A new subprocessor, or a new place for an existing one, starts before the notice period has run; every change customers must hear of is listed.',
  severities: {
    'notice-added': 'info',
    'notice-place': 'info',
    'notice-retired': 'info',
    'notice-mechanism': 'info',
  },
  messages: {
    'too-soon': '{{name}} starts on {{since}}, before the {{days}}-day notice period ends on {{earliest}}',
    'no-start-date': "{{name}} is new but has no start date: customers need {{days}} days' notice",
    'place-too-soon': '{{name}} starts using {{place}} on {{since}}, before the {{days}}-day notice period ends on {{earliest}}',
    'place-no-start-date': "{{name}} adds {{place}} with no start date: customers need {{days}} days' notice",
    'notice-added': 'notice: new subprocessor {{name}} ({{places}}) from {{since}}',
    'notice-place': 'notice: {{name}} adds {{place}} ({{mechanism}}) from {{since}}',
    'notice-retired': 'notice: {{name}} retired on {{on}}: {{reason}}',
    'notice-mechanism': 'notice: {{name}} changes the mechanism for {{place}} from {{before}} to {{after}}',
  },
  hints: {
    'too-soon': 'Set since: {{earliest}} or later, and tell customers now.',
    'no-start-date': 'Add since: {{earliest}} (or later), the day it starts processing.',
    'place-too-soon': "Set this location's since: {{earliest}} or later.",
    'place-no-start-date': 'Add since: {{earliest}} (or later) to this location.',
  },
  check({ change, after, facts, today }, report) {
    if (!change) return;
    const days = after.settings?.value.noticePeriodDays ?? 30;
    const earliest = addDays(today, days);
    const places = (sub: Subprocessor) => sub.locations.map((l) => `${l.place}: ${l.mechanism ?? 'no mechanism'}`).join(', ');
    // A retired vendor engaged again is, for customers, a new subprocessor.
    for (const entry of [...change.added, ...change.reactivated.map((d) => d.after)]) {
      const sub = entry.value;
      if (sub.status === 'retired') continue;
      const data = { name: sub.name, days, earliest, since: sub.since ?? 'no date', places: places(sub) };
      if (sub.since === undefined) report({ messageId: 'no-start-date', file: entry, path: ['id'], subprocessor: sub.id, data });
      else if (sub.since < earliest) report({ messageId: 'too-soon', file: entry, path: ['since'], subprocessor: sub.id, data });
      report({ messageId: 'notice-added', file: entry, path: ['id'], subprocessor: sub.id, data });
    }
    for (const diff of change.modified) {
      const sub = diff.after.value;
      for (const { index, location } of diff.placesAdded) {
        const data = {
          name: sub.name,
          place: placeLabel(location.place, facts),
          days,
          earliest,
          since: location.since ?? 'no date',
          mechanism: location.mechanism ?? 'no mechanism',
        };
        const at = { file: diff.after, subprocessor: sub.id, data };
        if (location.since === undefined) report({ ...at, messageId: 'place-no-start-date', path: ['locations', index] });
        else if (location.since < earliest) report({ ...at, messageId: 'place-too-soon', path: ['locations', index, 'since'] });
        report({ ...at, messageId: 'notice-place', path: ['locations', index] });
      }
      for (const m of diff.mechanismChanges) {
        const data = {
          name: sub.name,
          place: placeLabel(m.place, facts),
          before: m.before ?? 'none given',
          after: m.after ?? 'none given',
        };
        report({ messageId: 'notice-mechanism', file: diff.after, path: ['locations', m.index, 'mechanism'], subprocessor: sub.id, data });
      }
    }
    for (const diff of change.retired) {
      const sub = diff.after.value;
      const data = { name: sub.name, on: sub.retired?.on ?? '?', reason: sub.retired?.reason ?? '?' };
      report({ messageId: 'notice-retired', file: diff.after, path: ['status'], subprocessor: sub.id, data });
    }
  },
});
