import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../scripts/engine/report.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { ROOT } from './helpers/run-cli.js';
import { vendorYaml } from './helpers/vendor-yaml.js';
import { seededRandom } from './helpers/random.js';

const shipped = Object.fromEntries(
  readdirSync(join(ROOT, 'registry/subprocessors')).map((f) => [
    `subprocessors/${f}`,
    readFileSync(join(ROOT, 'registry/subprocessors', f), 'utf8'),
  ]),
);
const settings = readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8');
const setup = shippedSetup();
const POLICY_IDS = setup.policies.map((p) => p.id);
const LEVELS = ['off', 'info', 'warning', 'error'] as const;
const PLACES = ['US', 'CN', 'FR', 'WORLD', 'GB', 'BR', 'IN'];
const MECHANISMS = [undefined, 'none', 'scc', 'dpf', 'adequacy', 'derogation', 'privacy-shield'];

/** What a review decides, independent of wording and lines: each counted finding with its severity. */
function verdict(report: Report): string[] {
  return report.diagnostics
    .filter((d) => d.baseline !== 'unchanged' && d.policy !== 'policy-config')
    .map((d) => `${d.policy}/${d.messageId}/${d.subprocessor ?? d.file}/${d.severity}`)
    .sort();
}

describe('settings a pull request writes never change the verdict of its own review (seeded mutations)', () => {
  it('300 pull requests that change data and settings together are judged as if the settings were untouched', async () => {
    const next = seededRandom(20261130);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const gone = next() < 0.3 ? pick(Object.keys(shipped)) : undefined;
      const head: Record<string, string> = Object.fromEntries(Object.entries(shipped).filter(([path]) => path !== gone));
      // Data: add vendors, delete or retire some.
      for (let n = Math.floor(next() * 3); n > 0; n--) {
        const id = `fuzz-${i}-${n}`;
        const mechanism = pick(MECHANISMS);
        head[`subprocessors/${id}.yaml`] = vendorYaml(id, {
          locations: [{ place: pick(PLACES), ...(mechanism ? { mechanism } : {}) }],
          ...(next() < 0.5 ? { since: pick(['2026-11-25', '2027-02-01']) } : {}),
        });
      }
      // Settings: severities and the notice period, the levers a pull request might pull.
      const levels = POLICY_IDS.filter(() => next() < 0.3).map((id) => `  ${id}: '${pick(LEVELS)}'`);
      const notice = pick([0, 1, 30, 365]);
      const headSettings = `${settings.replace(/noticePeriodDays: \d+/, `noticePeriodDays: ${notice}`)}${levels.length ? `policies:\n${levels.join('\n')}\n` : ''}`;
      const base = { source: memorySource({ 'registry.yaml': settings, ...shipped }), label: 'main' };
      const run = (registry: string) =>
        runCheck({ head: memorySource({ 'registry.yaml': registry, ...head }), base, today: '2026-11-30', setup });
      const [bent, straight] = [await run(headSettings), await run(settings)];
      expect(verdict(bent), `case ${i}: ${levels.join(', ')} notice ${notice}`).toEqual(verdict(straight));
      compared += 1;
    }
    expect(compared).toBe(300);
  }, 120_000);
});
