import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Links } from './links.js';
import { markdownLink, markdownText } from './text.js';

/**
 * One finding in Markdown, as the pull-request comment, the job summary and Danger's fail/warn lines all show it:
 * where (linked to the line when the repository is known), what, which policy (linked to its doc), how to fix.
 */
export function renderFinding(d: Diagnostic, links: Links): string {
  const where = markdownLink(`${d.file}:${d.line}:${d.column}`, links.file(d.file, d.line));
  const policy = markdownLink(d.policy, links.docs(d.docs));
  return `${where} ${markdownText(d.message)} (${policy})${d.hint ? `<br>_Fix:_ ${markdownText(d.hint)}` : ''}`;
}
