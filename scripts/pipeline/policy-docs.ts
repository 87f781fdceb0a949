import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocs, PolicyInfo } from '../diagnostics/policy-meta.js';
import { packageRoot } from '../paths.js';

function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const body = page.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/** Reads a policy's doc page from the package; undefined when the page is not there (a third-party policy). */
export function readPolicyDocs(info: PolicyInfo): PolicyDocs | undefined {
  let page: string;
  try {
    page = readFileSync(join(packageRoot, info.docs), 'utf8');
  } catch {
    return undefined;
  }
  return { why: section(page, 'Why'), fix: section(page, 'How to fix') };
}
