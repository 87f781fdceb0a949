import { definePolicy } from '../scripts/engine/policy.js';

/** "Zendesk", "zendesk" and "Zendesk, Inc." are one vendor: two files would publish it twice, with diverging facts. */
function normalise(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[,.]?\s+(inc|ltd|llc|gmbh|sas|sa|bv|ab|plc|limited|corporation|corp)\.?$/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export default definePolicy({
  id: 'duplicate-subprocessor',
  severity: 'error',
  partOfValidation: true,
  description: 'Two files describe the same vendor: the same name or the same legal entity.',
  // One company often provides several listed services (Google Ads, YouTube): worth a look, not a failure.
  severities: { 'same-entity': 'warning' },
  messages: {
    'same-name': '{{name}} is already listed in {{other}}',
    'same-entity': 'the legal entity {{entity}} is already listed in {{other}}',
  },
  hints: {
    'same-name': 'Merge the two files into one entry with several locations, and retire the one you drop.',
    'same-entity': 'Merge the two files, or correct the legal entity.',
  },
  check({ after }, report) {
    const names = new Map<string, string>();
    const entities = new Map<string, string>();
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      // A retired entry is history: its successor under the same name is not a duplicate.
      if (sub.status === 'retired') continue;
      const name = normalise(sub.name);
      const byName = names.get(name);
      if (byName)
        report({ messageId: 'same-name', file: entry, path: ['name'], subprocessor: sub.id, data: { name: sub.name, other: byName } });
      else names.set(name, entry.file);
      if (sub.legalEntity === undefined) continue;
      const entity = normalise(sub.legalEntity);
      const byEntity = entities.get(entity);
      if (byEntity)
        report({
          messageId: 'same-entity',
          file: entry,
          path: ['legalEntity'],
          subprocessor: sub.id,
          data: { entity: sub.legalEntity, other: byEntity },
        });
      else entities.set(entity, entry.file);
    }
  },
});
