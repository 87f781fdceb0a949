import { describe, expect, it } from 'vitest';
import { renderFinding } from '../scripts/format/finding.js';
import { NO_LINKS } from '../scripts/format/links.js';
import { formatMarkdown } from '../scripts/format/markdown.js';
import { markdownText } from '../scripts/format/text.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { at, SETTINGS, TODAY, vendor } from './policies/harness.js';

describe('registry text in the Markdown the bot posts (issue 12, point 2)', () => {
  it.each([
    ['an HTML comment that would hide the rest', '<!-- Acme Analytics', '&lt;!-- Acme Analytics'],
    ['a mention that would notify a team', 'Acme @privacy-team', 'Acme @&#8203;privacy-team'],
    ['a link (and the autolink inside it)', '[click](https://evil.example)', '\\[click\\](https\\://evil.example)'],
    ['an image', '![x](https://evil.example/p.png)', '!\\[x\\](https\\://evil.example/p.png)'],
    ['a pipe and a line break in a table cell', 'A | B\nC', 'A \\| B<br>C'],
  ])('%s is shown, not acted on', (_what, text, shown) => {
    expect(markdownText(text)).toBe(shown);
  });

  it('a vendor named "<!-- …" hides no section of the comment, in the findings Danger posts or the report', async () => {
    const hostile = vendor('acme', at('US'), '"<!-- Acme @privacy-team [x](https://evil.example)"');
    const report = await runCheck({
      head: memorySource({ 'registry.yaml': SETTINGS, 'subprocessors/acme.yaml': hostile }),
      base: { source: memorySource({ 'registry.yaml': SETTINGS }), label: 'main' },
      today: TODAY,
      setup: shippedSetup(),
    });
    const finding = report.diagnostics.find((d) => d.policy === 'missing-transfer-mechanism');
    expect(finding).toBeDefined();
    const comment = `${finding ? renderFinding(finding, NO_LINKS) : ''}\n${formatMarkdown(report, NO_LINKS)}`;
    expect(comment).not.toContain('<!--');
    expect(comment).not.toMatch(/@privacy-team/);
    expect(comment).not.toContain('[x](');
    // Every section after the hostile name is still there.
    expect(comment).toContain('### What changed');
    expect(comment).toContain('### Changes that need customer notice');
  });
});
