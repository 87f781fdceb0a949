import type { Diagnostic, JsonPath, Severity } from './diagnostic.js';
import { renderTemplate, type MessageData } from './template.js';

/**
 * What every check declares, whether built into the loader or a policy under policies/: a stable id, a default
 * severity, one sentence of description, and its messages as templates with named placeholders.
 */
export interface PolicyMeta<MessageId extends string = string> {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly messages: Readonly<Record<MessageId, string>>;
  /** How to fix, per message, also a template; a message without a hint has no mechanical fix. */
  readonly hints?: Readonly<Partial<Record<MessageId, string>>>;
}

export const DOCS_DIR = 'docs/policies';

export function docsPath(ruleId: string): string {
  return `${DOCS_DIR}/${ruleId}.md`;
}

export interface Location {
  file: string;
  path: JsonPath;
  line: number;
  column: number;
}

/** Builds a diagnostic from a rule's templates, so no check writes its own prose. */
export function makeDiagnostic<R extends PolicyMeta>(
  rule: R,
  messageId: keyof R['messages'] & string,
  where: Location,
  data: MessageData = {},
  severity: Severity = rule.severity,
): Diagnostic {
  const hintTemplate: string | undefined = rule.hints?.[messageId];
  const diagnostic: Diagnostic = {
    policy: rule.id,
    messageId,
    severity,
    message: renderTemplate(rule.messages[messageId] ?? messageId, data),
    file: where.file,
    path: where.path,
    line: where.line,
    column: where.column,
    docs: docsPath(rule.id),
  };
  if (hintTemplate !== undefined) diagnostic.hint = renderTemplate(hintTemplate, data);
  return diagnostic;
}
