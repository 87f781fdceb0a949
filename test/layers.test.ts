import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const require = createRequire(import.meta.url);
const config = require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };

async function violations(): Promise<string[]> {
  const result = await cruise(['scripts', 'policies', 'dangerfile.ts'], {
    ...config.options,
    baseDir: ROOT,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  return result.output.summary.violations.map(
    (v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
  );
}

describe('layers (docs/architecture.md)', () => {
  it('no cycle, and no import that runs upward or sideways between policies, formats, release and importer', async () => {
    expect(await violations()).toEqual([]);
  });

  it('every folder of scripts/ is a layer or an edge, so a new folder has to be placed', () => {
    const placed = new Set(['diagnostics', 'registry', 'engine', 'format', 'release', 'importer', 'pipeline', 'generated']);
    const edges = new Set(['cli', 'action', 'api', 'tools']);
    const folders = readdirSync(join(ROOT, 'scripts'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !placed.has(f) && !edges.has(f))).toEqual([]);
    for (const name of placed) if (name !== 'generated') expect(JSON.stringify(config.forbidden)).toContain(`scripts/${name}/`);
  });
});
