import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyDocs, PolicyInfo } from '../diagnostics/policy-meta.js';
import type { Report } from '../engine/report.js';
import { DEFAULT_JURISDICTIONS } from '../engine/settings.js';
import type { WaivedDiagnostic } from '../engine/waivers.js';
import { version } from '../version.js';
import type { Links } from './links.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Diagnostic['severity'], string>;

function rule(info: PolicyInfo, links: Links, help: PolicyDocs | undefined) {
  const uri = links.docs(info.docs);
  const markdown = help ? [`## Why`, '', help.why, '', '## How to fix', '', help.fix].join('\n') : undefined;
  return {
    id: info.id,
    name: info.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: info.description },
    // Plain text: the page's hard-wrapped lines joined, its paragraphs kept.
    ...(help?.why ? { fullDescription: { text: help.why.replace(/(?<!\n)\n(?!\n)/g, ' ') } } : {}),
    ...(uri ? { helpUri: uri } : {}),
    help: { text: `See ${uri ?? info.docs}`, ...(markdown ? { markdown } : {}) },
    defaultConfiguration: { level: LEVEL[info.severity] },
  };
}

/**
 * What code scanning tracks an alert by from run to run: a changed fingerprint closes the alert and opens another.
 * The law is part of it, so the EU and the UK finding at one place are two alerts; the default law's findings (the EU
 * GDPR, every finding's law before others shipped) keep the fingerprint they always had, whatever order registry.yaml
 * declares the laws in, so adding a law re-opens nothing.
 */
function fingerprint(d: Diagnostic): string {
  const where = `${d.policy}/${d.messageId}/${d.file}/${d.path.join('.')}`;
  return d.law === undefined || DEFAULT_JURISDICTIONS.includes(d.law) ? where : `${where}/${d.law}`;
}

/** SARIF 2.1.0 for code scanning: one rule per policy (from the report's metadata), waived findings as suppressed results. */
export function formatSarif(report: Report, links: Links, docs: (info: PolicyInfo) => PolicyDocs | undefined = () => undefined): string {
  const index = new Map(report.policies.map((info, i) => [info.id, i]));
  const result = (d: Diagnostic, waiver?: WaivedDiagnostic['waiver']) => ({
    ruleId: d.policy,
    ruleIndex: index.get(d.policy) ?? -1,
    level: LEVEL[d.severity],
    ...(d.baseline ? { baselineState: d.baseline } : {}),
    // Code scanning shows properties beside the result: the law lets a reader tell the EU finding from the UK one.
    ...(d.law !== undefined ? { properties: { law: d.law } } : {}),
    message: { text: d.hint ? `${d.message}. Fix: ${d.hint}` : d.message },
    locations: [
      { physicalLocation: { artifactLocation: { uri: d.file, uriBaseId: 'ROOT' }, region: { startLine: d.line, startColumn: d.column } } },
    ],
    partialFingerprints: { subprocProblem: fingerprint(d) },
    // The replacement `subproc check --fix` writes, for tools that offer it (offsets in UTF-16 code units, SARIF's default).
    ...(d.fix
      ? {
          fixes: [
            {
              description: { text: d.hint ?? `Write ${d.fix.text}` },
              artifactChanges: [
                {
                  artifactLocation: { uri: d.file, uriBaseId: 'ROOT' },
                  replacements: [
                    {
                      deletedRegion: { charOffset: d.fix.range[0], charLength: d.fix.range[1] - d.fix.range[0] },
                      insertedContent: { text: d.fix.text },
                    },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
    ...(waiver
      ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: `${waiver.reason} (until ${waiver.expires})` }] }
      : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'subproc', version, rules: report.policies.map((info) => rule(info, links, docs(info))) } },
        originalUriBaseIds: { ROOT: { description: { text: 'The repository root' } } },
        // A policy turned off by the registry's settings reports nothing: code scanning is told so.
        // Whose data counted (GDPR Art. 3), per law: the reading every finding about a transfer rests on.
        properties: { transferScope: report.readings.map(({ law, reading, because }) => ({ law, reading, because })) },
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: report.skipped
              .filter((s) => s.reason === 'off')
              .map((s) => ({
                level: 'warning',
                descriptor: { id: s.policy },
                message: { text: `${s.policy} is turned off in registry.yaml (policies:)` },
              })),
          },
        ],
        results: [...report.diagnostics.map((d) => result(d)), ...report.waived.map((d) => result(d, d.waiver))],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
