import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../policies/index.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import type { Policy } from '../scripts/engine/policy.js';
import { ROOT } from './helpers/run-cli.js';

const policyFiles = readdirSync(join(ROOT, 'policies'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const everyRule = [...POLICIES, ...shippedSetup().builtins];

describe('every policy has its file, index entry, doc page and tests', () => {
  it('policies/ holds exactly the policies of the index', () => {
    expect(POLICIES.map((p) => p.id).sort()).toEqual(policyFiles);
  });

  it.each(policyFiles)('policies/%s.ts exports the policy of the same id', async (name) => {
    const module = (await import(`../policies/${name}.ts`)) as { default: Policy };
    expect(module.default.id).toBe(name);
  });

  it.each(POLICIES.map((p) => p.id))('test/policies/%s.test.ts exists', (id) => {
    expect(existsSync(join(ROOT, 'test', 'policies', `${id}.test.ts`))).toBe(true);
  });

  it.each(everyRule.map((r) => [r.id, r] as const))('docs/policies/%s.md documents every message', (id, rule) => {
    const page = join(ROOT, 'docs', 'policies', `${id}.md`);
    expect(existsSync(page), `${page} is missing`).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const heading of ['## Why', '## Messages', '## Bad example', '## Good example', '## How to fix']) expect(text).toContain(heading);
    const documented = [...text.matchAll(/^\|\s*`?([a-z0-9-]+)`?\s*\|/gm)].map((m) => m[1]);
    expect(Object.keys(rule.messages).filter((m) => !documented.includes(m))).toEqual([]);
  });

  it('ids are unique kebab-case', () => {
    const ids = everyRule.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(everyRule.map((r) => [r.id, r] as const))('%s: every hint names only data its message family provides', (_id, rule) => {
    for (const [messageId, hint] of Object.entries(rule.hints ?? {})) {
      expect(Object.keys(rule.messages), `hint for unknown message ${messageId}`).toContain(messageId);
      expect(typeof hint).toBe('string');
    }
  });
});
