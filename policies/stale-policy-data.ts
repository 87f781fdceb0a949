import { addDays, daysBetween } from '../scripts/diagnostics/dates.js';
import { definePolicy } from '../scripts/engine/policy.js';

/** Adequacy decisions are adopted, renewed, annulled: facts a year old may clear a transfer that is no longer lawful. */
export default definePolicy({
  id: 'stale-policy-data',
  severity: 'warning',
  perLaw: true,
  description: 'The facts the transfer policies rely on (EEA, adequacy decisions, invalidated mechanisms) were last reviewed too long ago.',
  messages: {
    stale: 'the {{law}} transfer data was last reviewed on {{reviewedOn}}, {{age}} days ago (review every {{every}} days)',
    'review-in-future': 'the {{law}} transfer data says it was reviewed on {{reviewedOn}}, after today ({{today}})',
  },
  hints: {
    stale:
      'Check the {{zone}} members, the adequacy decisions and their end dates against their sources, update the file and set reviewedOn to the review date.',
    'review-in-future': 'Set reviewedOn to the date of the review.',
  },
  check({ laws, today }, report) {
    for (const law of laws) {
      const { reviewedOn, reviewEveryDays } = law.data;
      const where = { file: law.source, path: ['reviewedOn'], law: law.id };
      const data = { law: law.name, zone: law.zone, reviewedOn, today };
      if (reviewedOn > today) report({ ...where, messageId: 'review-in-future', data });
      else if (addDays(reviewedOn, reviewEveryDays) < today) {
        report({ ...where, messageId: 'stale', data: { ...data, age: daysBetween(reviewedOn, today), every: reviewEveryDays } });
      }
    }
  },
});
