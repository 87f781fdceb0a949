import { describe, expect, it } from 'vitest';
import { judge } from '../scripts/engine/evaluate.js';
import { definePolicy, type Policy, type PolicyContext } from '../scripts/engine/policy.js';
import { declaredLaws, judgingSettings } from '../scripts/engine/settings.js';
import { toSnapshot } from '../scripts/engine/snapshot.js';
import { judgePerEntry, type EntryDiagnostics } from '../scripts/pipeline/entry-findings.js';
import { shippedLaws } from '../scripts/pipeline/shipped.js';
import { loadRegistry, type LoadedFile } from '../scripts/registry/load.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import type { Subprocessor } from '../scripts/generated/subprocessor.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

/** A per-entry policy that reports every place of every entry it is shown, and counts the entries it saw. */
function placesPolicy(seen: string[]): Policy {
  return definePolicy({
    id: 'every-place',
    severity: 'warning',
    perEntry: true,
    description: 'Reports every place.',
    messages: { place: '{{name}} keeps data in {{place}}' },
    check({ after }, report) {
      for (const entry of after.subprocessors) {
        seen.push(entry.value.id);
        entry.value.locations.forEach((location, index) => {
          report({
            messageId: 'place',
            file: entry,
            path: ['locations', index, 'place'],
            subprocessor: entry.value.id,
            data: { name: entry.value.name, place: location.place },
          });
        });
      }
    },
  });
}

/** A policy marked per-entry that breaks its word: it reports at registry.yaml. */
const settingsPolicy = definePolicy({
  id: 'at-settings',
  severity: 'info',
  perEntry: true,
  description: 'Reports at the settings file.',
  messages: { here: 'here' },
  check({ after }, report) {
    if (after.settings) report({ messageId: 'here', file: after.settings, path: [] });
  },
});

async function context(): Promise<PolicyContext> {
  const files: Record<string, string> = { 'registry.yaml': settingsYaml() };
  for (const id of ['alpha', 'bravo', 'charlie', 'delta']) {
    files[`subprocessors/${id}.yaml`] = vendorYaml(id, {
      locations: [
        { place: 'FR', mechanism: 'none' },
        { place: 'IE', mechanism: 'none' },
      ],
    });
  }
  const after = toSnapshot(await loadRegistry(memorySource(files)));
  const settings = judgingSettings(after);
  return {
    after,
    settings,
    laws: declaredLaws(shippedLaws(), settings),
    today: '2026-11-30',
    knownPolicies: new Set(['every-place', 'at-settings']),
    fixedPolicies: new Set(),
    perLawPolicies: new Set(),
  };
}

describe('judgePerEntry', () => {
  it('judges only the entries it does not know, and gives the list judging all of them gives', async () => {
    const ctx = await context();
    const seenAll: string[] = [];
    const whole = judge(placesPolicy(seenAll), ctx);
    const first = judgePerEntry([placesPolicy([])], ctx, () => undefined);
    const byEntry = first.byEntry ?? new Map<LoadedFile<Subprocessor>, EntryDiagnostics>();
    expect(byEntry.size).toBe(4);
    const seen: string[] = [];
    // Alpha and charlie known from before: only bravo and delta are judged again.
    const second = judgePerEntry([placesPolicy(seen)], ctx, (entry) =>
      ['alpha', 'charlie'].includes(entry.value.id) ? byEntry.get(entry) : undefined,
    );
    expect(seen).toEqual(['bravo', 'delta']);
    expect(second.judgements.get('every-place')).toEqual(whole);
    expect(seenAll).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
  });

  it('judges the plain way, and keeps nothing, when a policy reports away from its entry', async () => {
    const ctx = await context();
    const result = judgePerEntry([placesPolicy([]), settingsPolicy], ctx, () => undefined);
    expect(result.byEntry).toBeUndefined();
    expect(result.judgements.get('at-settings')).toEqual(judge(settingsPolicy, ctx));
    expect(result.judgements.get('every-place')).toEqual(judge(placesPolicy([]), ctx));
  });
});
