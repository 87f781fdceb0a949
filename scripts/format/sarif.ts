import { BUILTIN, POLICIES } from '../../policies/index.js';
import { docsPath, type PolicyMeta } from '../diagnostics/policy-meta.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { WaivedDiagnostic } from '../engine/waivers.js';
import { version } from '../version.js';
import type { Links } from './links.js';
import type { Report } from '../engine/report.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Diagnostic['severity'], string>;

/** SARIF 2.1.0 for code scanning: one rule per policy, waived findings as suppressed results. */
export function formatSarif(report: Report, links: Links): string {
  const rules: PolicyMeta[] = [...POLICIES, ...BUILTIN];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const result = (d: Diagnostic, waiver?: WaivedDiagnostic['waiver']) => ({
    ruleId: d.policy,
    ruleIndex: index.get(d.policy) ?? -1,
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message}. Fix: ${d.hint}` : d.message },
    locations: [
      { physicalLocation: { artifactLocation: { uri: d.file, uriBaseId: 'ROOT' }, region: { startLine: d.line, startColumn: d.column } } },
    ],
    partialFingerprints: { subprocProblem: `${d.policy}/${d.messageId}/${d.file}/${d.path.join('.')}` },
    ...(waiver
      ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: `${waiver.reason} (until ${waiver.expires})` }] }
      : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'subproc',
            version,
            rules: rules.map((rule) => {
              const help = links.docs(docsPath(rule.id));
              return {
                id: rule.id,
                name: rule.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
                shortDescription: { text: rule.description },
                ...(help ? { helpUri: help } : {}),
                help: { text: `See ${docsPath(rule.id)}` },
                defaultConfiguration: { level: LEVEL[rule.severity] },
              };
            }),
          },
        },
        originalUriBaseIds: { ROOT: { description: { text: 'The repository root' } } },
        results: [...report.diagnostics.map((d) => result(d)), ...report.waived.map((d) => result(d, d.waiver))],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
