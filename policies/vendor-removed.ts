import { entriesWith } from '../scripts/engine/change.js';
import { definePolicy } from '../scripts/engine/policy.js';

/** Deleting a file erases the vendor from history and tells no customer; retiring it keeps both. */
export default definePolicy({
  id: 'vendor-removed',
  severity: 'error',
  needsHistory: true,
  description: 'A subprocessor file was deleted instead of the subprocessor being retired.',
  messages: {
    deleted: '{{name}} was deleted from the registry: deleting erases its history and no customer is told',
  },
  hints: {
    deleted:
      'Restore the file (git checkout {{base}} -- {{file}}) and retire the entry: status: retired, retired: { on: YYYY-MM-DD, reason: ... }.',
  },
  check({ change, baseLabel }, report) {
    if (!change) return;
    for (const gone of entriesWith(change, 'deleted')) {
      const file = gone.file ?? gone.id;
      report({
        messageId: 'deleted',
        file: { file },
        path: [],
        subprocessor: gone.id,
        data: { name: gone.before?.name ?? gone.id, file, base: baseLabel ?? 'BASE' },
      });
    }
  },
});
