import { daysBetween } from '../scripts/diagnostics/dates.js';
import { closest, didYouMean } from '../scripts/diagnostics/suggest.js';
import { definePolicy } from '../scripts/engine/policy.js';
import { JUDGING_FIELDS, jurisdictionIds } from '../scripts/engine/settings.js';
import type { RegistrySettings } from '../scripts/generated/registry.js';

/** Every judging setting as "field → value" pairs, the policy map flattened: what a change to them is reported by. */
function judging(settings: RegistrySettings | undefined): Map<string, { path: (string | number)[]; value: string }> {
  const out = new Map<string, { path: (string | number)[]; value: string }>();
  for (const field of JUDGING_FIELDS) {
    if (field === 'policies') {
      for (const [id, level] of Object.entries(settings?.policies ?? {}))
        out.set(`policies.${id}`, { path: ['policies', id], value: level });
    } else if (field === 'jurisdictions') {
      if (settings?.jurisdictions === undefined) continue;
      // The laws as ids, and each law's own severities one by one, as the policy map: "[eu-gdpr, uk-gdpr]" reads, an object does not.
      out.set(field, { path: [field], value: `[${jurisdictionIds(settings.jurisdictions).join(', ')}]` });
      settings.jurisdictions.forEach((item, index) => {
        if (typeof item === 'string') return;
        for (const [id, level] of Object.entries(item.policies ?? {}))
          out.set(`jurisdictions.${item.id}.policies.${id}`, { path: [field, index, 'policies', id], value: level });
      });
    } else if (settings?.[field] !== undefined) {
      out.set(field, { path: [field], value: String(settings[field]) });
    }
  }
  // The establishment decides whose data counts (Art. 3): moving it changes the review as much as a setting does.
  if (settings) out.set('controller.country', { path: ['controller', 'country'], value: settings.controller.country });
  return out;
}

/** True when the nearest candidate is the only one that near: then it is a fix, not a guess. */
function closestUnique(word: string, candidates: Iterable<string>): boolean {
  return closest(word, candidates)?.unique === true;
}

/** A waiver is a dated, reasoned exception; one that has run out, or names nothing real, hides findings silently. */
export default definePolicy({
  id: 'policy-config',
  severity: 'error',
  partOfValidation: true,
  fixed: true,
  description:
    'Waivers and policy settings in registry.yaml must name existing policies and subprocessors, waivers must be short and unexpired, and a change to them is shown to reviewers first.',
  severities: { 'settings-changed': 'warning', 'new-waiver': 'warning' },
  settings: ['settings-changed', 'new-waiver'],
  messages: {
    'waiver-expired': 'the waiver of {{policy}}{{scope}} expired on {{expires}}',
    'waiver-unknown-policy': 'the waiver names the policy {{policy}}, which does not exist',
    'waiver-unknown-subprocessor': 'the waiver names the subprocessor {{subprocessor}}, which is not in the registry',
    'unknown-policy': 'policies names {{policy}}, which does not exist',
    'not-configurable': '{{policy}} always runs: it cannot be waived, turned off or given another severity',
    'waiver-too-long': 'the waiver of {{policy}}{{scope}} runs until {{expires}}, {{days}} days from today, over the {{limit}}-day limit',
    'settings-changed':
      "this change sets {{setting}} to {{after}} (was {{before}}): it takes effect after merge, so this review still applies {{before}}, and it needs the privacy owners' review",
    'new-waiver': 'this change adds a waiver of {{policy}}{{scope}} until {{expires}}: {{reason}}',
    'waiver-undeclared-law':
      'the waiver of {{policy}} is limited to {{law}}, which jurisdictions does not declare ({{declared}}): no finding is judged under it, so it covers nothing',
    'law-unknown-policy': 'jurisdictions sets a severity for {{policy}} under {{law}}, and no such policy exists',
    'law-not-per-law': '{{policy}} does not judge per law, so a severity for it under {{law}} changes nothing',
    'waiver-law-not-per-law':
      'the waiver of {{policy}} is limited to {{law}}, but {{policy}} does not judge per law: its findings name no law, so the waiver covers nothing',
    'duplicate-jurisdiction': '{{law}} is declared twice in jurisdictions (items {{first}} and {{second}})',
  },
  hints: {
    'waiver-expired': 'Fix the findings it covered, or renew the waiver with a new expiry date and a reason that still holds.',
    'waiver-unknown-policy': 'Use the id of a policy documented in docs/policies/.{{suggestion}}',
    'waiver-unknown-subprocessor': 'Use the id of a file in registry/subprocessors/, or drop "subprocessor" to waive registry-wide.',
    'unknown-policy': 'Use the id of a policy documented in docs/policies/.{{suggestion}}',
    'not-configurable': 'Remove this entry: fix what {{policy}} reports instead.',
    'waiver-too-long': 'Set expires: {{latest}} or earlier (maxWaiverDays: {{limit}}), and renew it then if the reason still holds.',
    'settings-changed':
      'Ask the owners of registry/registry.yaml (CODEOWNERS) to review the change; propose it in a pull request of its own.',
    'new-waiver': 'A reviewer accepts the reason and the expiry by approving; fix the finding instead where you can.',
    'waiver-undeclared-law':
      'Add {{law}} to jurisdictions if the registry answers to it, or remove "law" to waive under every declared law.',
    'law-unknown-policy': 'Use the id of a transfer policy documented in docs/policies/.{{suggestion}}',
    'law-not-per-law': 'Set its severity under policies: for every law instead.',
    'waiver-law-not-per-law': 'Remove "law" from this waiver: a waiver of {{policy}} without it covers its findings whatever the laws.',
    'duplicate-jurisdiction': 'Keep one item for {{law}}, with all its severities.',
  },
  check({ after, before, settings: judged, today, knownPolicies, fixedPolicies, perLawPolicies }, report) {
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
    // The file's own laws: a waiver or severity is judged against what the same file declares.
    const declared = jurisdictionIds(settings.value.jurisdictions);
    settings.value.waivers?.forEach((waiver, index) => {
      const at = (field: string) => ({ file: settings, path: ['waivers', index, field] });
      checkId(waiver.policy, at('policy'), 'waiver-unknown-policy');
      // Findings of a policy that does not judge per law carry no law, so a waiver limited to one matches none of them.
      const lawless = knownPolicies.has(waiver.policy) && !fixedPolicies.has(waiver.policy) && !perLawPolicies.has(waiver.policy);
      if (waiver.law !== undefined && lawless) {
        report({
          file: settings,
          path: ['waivers', index, 'law'],
          target: 'key',
          messageId: 'waiver-law-not-per-law',
          data: { policy: waiver.policy, law: waiver.law },
        });
      }
      // The schema rejects an id that names no law (with its did-you-mean); here it is a real law the registry left out.
      else if (waiver.law !== undefined && !declared.includes(waiver.law)) {
        report({
          ...at('law'),
          messageId: 'waiver-undeclared-law',
          data: { policy: waiver.policy, law: waiver.law, declared: declared.join(', ') },
        });
      }
      // A waiver may name a vendor deleted by this very change: that deletion is what it waives.
      const known = (id: string) => after.files.has(id) || before?.files.has(id) === true;
      if (waiver.subprocessor !== undefined && !known(waiver.subprocessor)) {
        report({ ...at('subprocessor'), messageId: 'waiver-unknown-subprocessor', data: { subprocessor: waiver.subprocessor } });
      }
      const scope = waiver.subprocessor ? ` for ${waiver.subprocessor}` : '';
      const days = daysBetween(today, waiver.expires);
      if (waiver.expires < today) {
        report({ ...at('expires'), messageId: 'waiver-expired', data: { policy: waiver.policy, scope, expires: waiver.expires } });
      } else if (days > judged.maxWaiverDays) {
        const limit = judged.maxWaiverDays;
        const latest = new Date(Date.parse(`${today}T00:00:00Z`) + limit * 86_400_000).toISOString().slice(0, 10);
        report({
          ...at('expires'),
          messageId: 'waiver-too-long',
          data: { policy: waiver.policy, scope, expires: waiver.expires, days, limit, latest },
        });
      }
      if (judged.newWaivers.has(index)) {
        const data = { policy: waiver.policy, scope, expires: waiver.expires, reason: waiver.reason };
        report({
          file: settings,
          path: ['waivers', index],
          messageId: 'new-waiver',
          data,
          ...(waiver.subprocessor ? { subprocessor: waiver.subprocessor } : {}),
        });
      }
    });
    if (before?.settings) {
      const was = judging(before.settings.value);
      const now = judging(settings.value);
      for (const setting of new Set([...was.keys(), ...now.keys()])) {
        const old = was.get(setting);
        const next = now.get(setting);
        if (old?.value === next?.value) continue;
        report({
          file: settings,
          path: next?.path ?? [],
          messageId: 'settings-changed',
          data: { setting, before: old?.value ?? 'the default', after: next?.value ?? 'the default' },
        });
      }
    }
    for (const id of Object.keys(settings.value.policies ?? {})) {
      checkId(id, { file: settings, path: ['policies', id], target: 'key' }, 'unknown-policy');
    }
    const seen = new Map<string, number>();
    settings.value.jurisdictions?.forEach((item, index) => {
      const law = typeof item === 'string' ? item : item.id;
      const first = seen.get(law);
      if (first !== undefined) {
        report({
          file: settings,
          path: ['jurisdictions', index],
          messageId: 'duplicate-jurisdiction',
          data: { law, first: first + 1, second: index + 1 },
        });
      } else seen.set(law, index);
      if (typeof item === 'string') return;
      for (const id of Object.keys(item.policies ?? {})) {
        const where = { file: settings, path: ['jurisdictions', index, 'policies', id], target: 'key' as const };
        if (!knownPolicies.has(id)) {
          const near = didYouMean(id, perLawPolicies);
          const suggestion = near ? ` Did you mean ${near}?` : '';
          report({
            ...where,
            messageId: 'law-unknown-policy',
            data: { policy: id, law, suggestion },
            ...(near && closestUnique(id, perLawPolicies) ? { replaceWith: near } : {}),
          });
        } else if (fixedPolicies.has(id)) report({ ...where, messageId: 'not-configurable', data: { policy: id } });
        else if (!perLawPolicies.has(id)) report({ ...where, messageId: 'law-not-per-law', data: { policy: id, law } });
      }
    });
  },
});
