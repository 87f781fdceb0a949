import { definePolicy } from '../scripts/engine/policy.js';
import { didYouMean } from '../scripts/diagnostics/suggest.js';

/** A waiver is a dated, reasoned exception; one that has run out, or names nothing real, hides findings silently. */
export default definePolicy({
  id: 'policy-config',
  severity: 'error',
  partOfValidation: true,
  fixed: true,
  description:
    'Waivers and policy settings in registry.yaml must name existing policies and subprocessors, and waivers must not have expired.',
  messages: {
    'waiver-expired': 'the waiver of {{policy}}{{scope}} expired on {{expires}}',
    'waiver-unknown-policy': 'the waiver names the policy {{policy}}, which does not exist',
    'waiver-unknown-subprocessor': 'the waiver names the subprocessor {{subprocessor}}, which is not in the registry',
    'unknown-policy': 'policies names {{policy}}, which does not exist',
    'not-configurable': '{{policy}} always runs: it cannot be waived, turned off or given another severity',
  },
  hints: {
    'waiver-expired': 'Fix the findings it covered, or renew the waiver with a new expiry date and a reason that still holds.',
    'waiver-unknown-policy': 'Use the id of a policy documented in docs/policies/.{{suggestion}}',
    'waiver-unknown-subprocessor': 'Use the id of a file in registry/subprocessors/, or drop "subprocessor" to waive registry-wide.',
    'unknown-policy': 'Use the id of a policy documented in docs/policies/.{{suggestion}}',
    'not-configurable': 'Remove this entry: fix what {{policy}} reports instead.',
  },
  check({ after, before, today, knownPolicies, fixedPolicies }, report) {
    const settings = after.settings;
    if (!settings) return;
    const suggest = (id: string) => {
      const near = didYouMean(
        id,
        [...knownPolicies].filter((p) => !fixedPolicies.has(p)),
      );
      return near ? ` Did you mean ${near}?` : '';
    };
    /** A policy id that configuration may name: it exists, and it is not one of the checks that always run. */
    const checkId = (
      id: string,
      where: { file: typeof settings; path: (string | number)[]; target?: 'key' },
      unknown: 'waiver-unknown-policy' | 'unknown-policy',
    ) => {
      if (!knownPolicies.has(id)) report({ ...where, messageId: unknown, data: { policy: id, suggestion: suggest(id) } });
      else if (fixedPolicies.has(id)) report({ ...where, messageId: 'not-configurable', data: { policy: id } });
    };
    settings.value.waivers?.forEach((waiver, index) => {
      const at = (field: string) => ({ file: settings, path: ['waivers', index, field] });
      checkId(waiver.policy, at('policy'), 'waiver-unknown-policy');
      // A waiver may name a vendor deleted by this very change: that deletion is what it waives.
      const known = (id: string) => after.files.has(id) || before?.files.has(id) === true;
      if (waiver.subprocessor !== undefined && !known(waiver.subprocessor)) {
        report({ ...at('subprocessor'), messageId: 'waiver-unknown-subprocessor', data: { subprocessor: waiver.subprocessor } });
      }
      if (waiver.expires < today) {
        const scope = waiver.subprocessor ? ` for ${waiver.subprocessor}` : '';
        report({ ...at('expires'), messageId: 'waiver-expired', data: { policy: waiver.policy, scope, expires: waiver.expires } });
      }
    });
    for (const id of Object.keys(settings.value.policies ?? {})) {
      checkId(id, { file: settings, path: ['policies', id], target: 'key' }, 'unknown-policy');
    }
  },
});
