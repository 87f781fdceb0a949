import { describe, expect, it } from 'vitest';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { NO_LINKS } from '../scripts/format/links.js';
import { formatMarkdown, MAX_MARKDOWN } from '../scripts/format/markdown.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { at, SETTINGS, TODAY, vendor } from './policies/harness.js';

/** A pull request adding 400 vendors, each stored in the US with no mechanism and no start date. */
async function hugeChange() {
  const subs = Object.fromEntries(
    Array.from({ length: 400 }, (_, i) => {
      const id = `vendor-${String(i).padStart(3, '0')}`;
      return [`subprocessors/${id}.yaml`, vendor(id, at('US'), `Vendor ${i} with a long name to make every row of the report wide`)];
    }),
  );
  return runCheck({
    head: memorySource({ 'registry.yaml': SETTINGS, ...subs }),
    base: { source: memorySource({ 'registry.yaml': SETTINGS }), label: 'main' },
    today: TODAY,
    setup: shippedSetup(),
  });
}

describe('the pull-request comment of a huge change', () => {
  it('stays under GitHub’s comment limit and says what it left out', async () => {
    const report = await hugeChange();
    expect(report.counts.errors).toBe(800);
    const text = formatMarkdown(report, NO_LINKS);
    expect(text.length).toBeLessThanOrEqual(MAX_MARKDOWN + 200);
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain('…and 360 more changes');
    expect(text).toContain('…and 760 more findings');
  });
});
