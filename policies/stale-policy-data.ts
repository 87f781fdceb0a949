import { addDays, daysBetween } from '../scripts/diagnostics/dates.js';
import { definePolicy } from '../scripts/engine/policy.js';

/** Adequacy decisions are adopted, renewed, annulled: facts a year old may clear a transfer that is no longer lawful. */
export default definePolicy({
  id: 'stale-policy-data',
  severity: 'warning',
  description: 'The facts the transfer policies rely on (EEA, adequacy decisions, invalidated mechanisms) were last reviewed too long ago.',
  messages: {
    stale: 'the transfer policy data was last reviewed on {{reviewedOn}}, {{age}} days ago (review every {{every}} days)',
    'review-in-future': 'the transfer policy data says it was reviewed on {{reviewedOn}}, after today ({{today}})',
  },
  hints: {
    stale:
      'Check the EEA members, the adequacy decisions and their end dates against their sources, update the file and set reviewedOn to the review date.',
    'review-in-future': 'Set reviewedOn to the date of the review.',
  },
  check({ facts, today }, report) {
    const { reviewedOn, reviewEveryDays } = facts.data;
    const where = { file: facts.source, path: ['reviewedOn'] };
    if (reviewedOn > today) report({ ...where, messageId: 'review-in-future', data: { reviewedOn, today } });
    else if (addDays(reviewedOn, reviewEveryDays) < today) {
      report({ ...where, messageId: 'stale', data: { reviewedOn, age: daysBetween(reviewedOn, today), every: reviewEveryDays } });
    }
  },
});
