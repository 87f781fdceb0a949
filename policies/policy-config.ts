import { definePolicy } from '../scripts/engine/policy.js';
import { didYouMean } from '../scripts/engine/suggest.js';

/** A waiver is a dated, reasoned exception; one that has run out, or names nothing real, hides findings silently. */
export default definePolicy({
  id: 'policy-config',
  severity: 'error',
  partOfValidation: true,
  description:
    'Waivers and policy settings in registry.yaml must name existing policies and subprocessors, and waivers must not have expired.',
  messages: {
    'waiver-expired': 'the waiver of {{policy}}{{scope}} expired on {{expires}}',
    'waiver-unknown-policy': 'the waiver names the policy {{policy}}, which does not exist',
    'waiver-unknown-subprocessor': 'the waiver names the subprocessor {{subprocessor}}, which is not in the registry',
    'unknown-policy': 'policies names {{policy}}, which does not exist',
  },
  hints: {
    'waiver-expired': 'Fix the findings it covered, or renew the waiver with a new expiry date and a reason that still holds.',
    'waiver-unknown-policy': 'Use a policy id from docs/policies/{{suggestion}}.',
    'waiver-unknown-subprocessor': 'Use the id of a file in registry/subprocessors/, or drop "subprocessor" to waive registry-wide.',
    'unknown-policy': 'Use a policy id from docs/policies/{{suggestion}}.',
  },
  check({ after, today, knownPolicies }, report) {
    const settings = after.settings;
    if (!settings) return;
    const suggest = (id: string) => {
      const near = didYouMean(id, knownPolicies);
      return near ? `; did you mean ${near}?` : '.';
    };
    settings.value.waivers?.forEach((waiver, index) => {
      const at = (field: string) => ({ file: settings, path: ['waivers', index, field] });
      const scope = waiver.subprocessor ? ` for ${waiver.subprocessor}` : '';
      if (!knownPolicies.has(waiver.policy)) {
        report({
          ...at('policy'),
          messageId: 'waiver-unknown-policy',
          data: { policy: waiver.policy, suggestion: suggest(waiver.policy) },
        });
      }
      if (waiver.subprocessor !== undefined && !after.files.has(waiver.subprocessor)) {
        report({ ...at('subprocessor'), messageId: 'waiver-unknown-subprocessor', data: { subprocessor: waiver.subprocessor } });
      }
      if (waiver.expires < today)
        report({ ...at('expires'), messageId: 'waiver-expired', data: { policy: waiver.policy, scope, expires: waiver.expires } });
    });
    for (const id of Object.keys(settings.value.policies ?? {})) {
      if (!knownPolicies.has(id))
        report({
          file: settings,
          path: ['policies', id],
          target: 'key',
          messageId: 'unknown-policy',
          data: { policy: id, suggestion: suggest(id) },
        });
    }
  },
});
