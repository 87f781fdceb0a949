import type { Diagnostic, JsonPath, Severity } from './diagnostic.js';
import { renderTemplate, type MessageData } from './template.js';

/**
 * What every policy declares, whether built into the loader (file-format, schema…) or a module under policies/:
 * a stable id, a default severity, one sentence of description, and its messages as templates with named
 * placeholders. "Policy" is the one word for all of them: each has a doc page and an id that output, waivers and
 * settings name.
 */
export interface PolicyMeta<MessageId extends string = string> {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly messages: Readonly<Record<MessageId, string>>;
  /** How to fix, per message, also a template; a message without a hint has no mechanical fix. */
  readonly hints?: Readonly<Partial<Record<MessageId, string>>>;
  /** Messages that announce a change customers must be told of rather than report a fault. */
  readonly notices?: readonly NoInfer<MessageId>[];
  /** Messages about a change to how the registry is judged (its policy settings, its waivers), shown first. */
  readonly settings?: readonly NoInfer<MessageId>[];
}

/** What a report tells formatters about each policy, as ESLint hands them rulesMeta. */
export interface PolicyInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  /** The doc page, relative to the package root. */
  readonly docs: string;
}

/** What a policy's doc page says under "## Why" and "## How to fix": the long help of code-scanning tools. */
export interface PolicyDocs {
  readonly why: string;
  readonly fix: string;
}

export const DOCS_DIR = 'docs/policies';

export function docsPath(policyId: string): string {
  return `${DOCS_DIR}/${policyId}.md`;
}

export function policyInfo(meta: PolicyMeta): PolicyInfo {
  return { id: meta.id, severity: meta.severity, description: meta.description, docs: docsPath(meta.id) };
}

export interface Location {
  file: string;
  path: JsonPath;
  line: number;
  column: number;
}

/** Builds a diagnostic from a policy's templates, so no check writes its own prose. */
export function makeDiagnostic<R extends PolicyMeta>(
  meta: R,
  messageId: keyof R['messages'] & string,
  where: Location,
  data: MessageData = {},
  severity: Severity = meta.severity,
): Diagnostic {
  const hintTemplate: string | undefined = meta.hints?.[messageId];
  const diagnostic: Diagnostic = {
    policy: meta.id,
    messageId,
    severity,
    kind: meta.notices?.includes(messageId) === true ? 'notice' : meta.settings?.includes(messageId) === true ? 'settings' : 'finding',
    message: renderTemplate(meta.messages[messageId] ?? messageId, data),
    data,
    file: where.file,
    path: where.path,
    line: where.line,
    column: where.column,
    docs: docsPath(meta.id),
  };
  if (hintTemplate !== undefined) diagnostic.hint = renderTemplate(hintTemplate, data);
  return diagnostic;
}
