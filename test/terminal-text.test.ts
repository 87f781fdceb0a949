import { describe, expect, it } from 'vitest';
import type { Report } from '../scripts/engine/report.js';
import { NO_COLOURS } from '../scripts/format/colour.js';
import { formatStylish } from '../scripts/format/stylish.js';

describe('the terminal shows invisible characters in file names, it does not obey them', () => {
  it('a file named with a right-to-left override prints its code point', () => {
    const file = 'registry/subprocessors/acme\u202Elmth.yaml';
    const report: Report = {
      command: 'validate',
      registry: 'registry',
      files: 1,
      subprocessors: 0,
      counts: { errors: 1, warnings: 0, infos: 0 },
      unchanged: 0,
      waived: [],
      skipped: [],
      policies: [],
      readings: [],
      legalBases: [],
      diagnostics: [
        {
          policy: 'file-name',
          messageId: 'invalid-name',
          severity: 'error',
          kind: 'finding',
          data: {},
          message: 'bad name',
          file,
          path: [],
          line: 1,
          column: 1,
          docs: 'docs/policies/file-name.md',
        },
      ],
    };
    const text = formatStylish(report, NO_COLOURS);
    expect(text).not.toContain('\u202E');
    expect(text).toContain('acme<U+202E>lmth.yaml');
  });
});
