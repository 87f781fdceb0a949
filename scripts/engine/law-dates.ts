import type { Law } from './jurisdiction.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function datesIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) datesIn(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) datesIn(item, into);
  }
}

/**
 * Where `today` falls among every date the laws' data names (decisions adopted and ending, mechanisms coming into
 * force, the day the data was checked): two days with the same answer see the same facts in force. The policies
 * marked `perEntry` read the date only through these facts (scripts/engine/policy.ts), so their findings kept on one
 * day hold on every day of the same span; test/engine/law-dates.test.ts holds them to it.
 */
export function lawDateSpan(laws: readonly Law[], today: string): string {
  const dates = new Set<string>();
  for (const law of laws) datesIn(law.data, dates);
  let before = 0;
  for (const date of dates) if (date < today) before++;
  return `${String(before)}${dates.has(today) ? '=' : '<'}${String(dates.size)}`;
}
