import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../scripts/format/github.js';
import type { Report } from '../scripts/engine/report.js';

describe('GitHub workflow commands', () => {
  it.each([
    ['100% sure', '100%25 sure'],
    ['two\nlines', 'two%0Alines'],
    ['carriage\r\nreturn', 'carriage%0D%0Areturn'],
    ['%0A stays literal', '%250A stays literal'],
  ])('escapes data %j', (input, expected) => {
    expect(escapeData(input)).toBe(expected);
  });

  it.each([
    ['registry/a,b.yaml', 'registry/a%2Cb.yaml'],
    ['title: with colon', 'title%3A with colon'],
    ['50%', '50%25'],
  ])('escapes properties %j', (input, expected) => {
    expect(escapeProperty(input)).toBe(expected);
  });

  it('a message cannot start a second command', () => {
    const report: Report = {
      command: 'check',
      registry: 'registry',
      files: 1,
      subprocessors: 1,
      counts: { errors: 1, warnings: 0, infos: 0 },
      waived: [],
      skipped: [],
      policies: [],
      unchanged: 0,
      readings: [],
      legalBases: [],
      diagnostics: [
        {
          policy: 'schema',
          messageId: 'other',
          severity: 'error',
          kind: 'finding',
          data: {},
          message: 'bad\n::error file=x::injected',
          file: 'registry/subprocessors/a.yaml',
          path: [],
          line: 3,
          column: 1,
          docs: 'docs/policies/schema.md',
        },
      ],
    };
    const lines = formatGithub(report).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=registry/subprocessors/a.yaml,line=3,col=1,title=schema (other)::bad%0A::error file=x::injected',
      'subproc check: 1 error, 0 warnings, 0 notices, 0 waived',
    ]);
  });
});
