import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../scripts/engine/report.js';
import { NO_COLOURS } from '../scripts/format/colour.js';
import { formatGithub } from '../scripts/format/github.js';
import { formatJson } from '../scripts/format/json.js';
import { blobLinks } from '../scripts/format/links.js';
import { formatMarkdown } from '../scripts/format/markdown.js';
import { formatSarif } from '../scripts/format/sarif.js';
import { formatStylish } from '../scripts/format/stylish.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { at, SETTINGS, TODAY, vendor } from './policies/harness.js';
import { ROOT } from './helpers/run-cli.js';

const links = blobLinks('https://github.com/acme/registry/blob/abc/');
const FORMATS = {
  stylish: (r: Report) => formatStylish(r, NO_COLOURS),
  json: formatJson,
  sarif: (r: Report) => formatSarif(r, links),
  github: formatGithub,
  markdown: (r: Report) => formatMarkdown(r, links),
} satisfies Record<string, (report: Report) => string>;

/** A change with findings of every severity, notices and a waiver. */
async function report(): Promise<Report> {
  const tree = (subs: Record<string, string>, settings = SETTINGS) => ({
    'registry.yaml': settings,
    ...Object.fromEntries(Object.entries(subs).map(([id, text]) => [`subprocessors/${id}.yaml`, text])),
  });
  const kept = vendor('kept', at('FR', 'none'));
  const waived = `${SETTINGS}waivers:\n  - policy: vague-location\n    reason: Vendor cannot say yet\n    expires: 2027-01-31\n`;
  return runCheck({
    head: memorySource(
      tree({ kept: vendor('kept', at('FR', 'scc')), fresh: vendor('fresh', at('US')), vague: vendor('vague', at('WORLD', 'scc')) }, waived),
    ),
    base: { source: memorySource(tree({ kept, gone: vendor('gone', at('DE', 'none')) })), label: 'main' },
    today: TODAY,
    setup: shippedSetup(),
  });
}

/** The same report with every message (and hint) replaced: `prefix` tries to pass a finding off as a notice. */
function withMessages(r: Report, token: (i: number) => string): Report {
  let i = 0;
  const swap = <D extends { message: string; hint?: string }>(d: D): D => ({
    ...d,
    message: token(i++),
    ...(d.hint ? { hint: token(i++) } : {}),
  });
  return { ...r, diagnostics: r.diagnostics.map(swap), waived: r.waived.map(swap) };
}

describe('formatters decide from data, never from message text', () => {
  it.each(Object.keys(FORMATS) as (keyof typeof FORMATS)[])('%s: rewording every message changes nothing but the words', async (name) => {
    const original = await report();
    expect(original.diagnostics.some((d) => d.kind === 'notice')).toBe(true);
    expect(original.diagnostics.some((d) => d.kind === 'finding')).toBe(true);
    expect(original.waived.length).toBeGreaterThan(0);
    const plain = withMessages(original, (i) => `TOKEN${String(i).padStart(3, '0')}`);
    // Misleading words: every finding now reads like a notice, every notice like a fault.
    const misleading = withMessages(original, (i) => `notice: no registry at TOKEN${String(i).padStart(3, '0')}`);
    const format = FORMATS[name];
    const expected = format(plain).replace(/TOKEN(\d{3})/g, 'notice: no registry at TOKEN$1');
    expect(format(misleading)).toBe(expected);
  });

  it('no formatter, pipeline or edge inspects message text or message-id prefixes', () => {
    const dirs = ['scripts/format', 'scripts/pipeline', 'scripts/cli'];
    const files = [...dirs.flatMap((d) => readdirSync(join(ROOT, d)).map((f) => join(d, f))), 'dangerfile.ts'];
    const inspecting =
      /\b(message|messageId)\s*\??\.\s*(startsWith|endsWith|includes|match|matchAll|replace|search|indexOf|slice|split)\b|\.test\(\s*\w+\.message\b/;
    expect(files.filter((f) => inspecting.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
