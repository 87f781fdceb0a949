// What `npm pack` ships is what an adopter gets: the command line, the library entry point with its types, the
// schemas the editor and the loader read, the policy data and every doc page a finding links to; no tests, no
// fixtures, no registry of ours.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyInfo } from '../scripts/diagnostics/policy-meta.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { ROOT } from './helpers/run-cli.js';

interface PackEntry {
  readonly path: string;
}

function packedFiles(): readonly string[] {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const [pack] = JSON.parse(result.stdout) as [{ files: PackEntry[] }];
  return pack.files.map((file) => file.path);
}

interface PackageJson {
  readonly main: string;
  readonly types: string;
  readonly bin: Record<string, string>;
  readonly exports: Record<string, string | Record<string, string>>;
}

describe('the packed package', () => {
  const files = new Set(packedFiles());
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

  it('ships every file package.json points at', () => {
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
    for (const entry of Object.values(pkg.exports)) {
      if (typeof entry === 'string') {
        if (!entry.includes('*')) targets.push(entry);
      } else targets.push(...Object.values(entry));
    }
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ''));
    // bin/subproc.js runs the command line's bundle.
    expect(files).toContain('build/bundle/main.cjs');
  });

  it('ships the schemas, the policy data and the doc page of every policy', () => {
    for (const schema of ['subprocessor', 'registry', 'release', 'common', 'countries', 'jurisdiction', 'output'])
      expect(files).toContain(`schemas/${schema}.schema.json`);
    // The editor schemas are what the $schema lines init and import write point at, in node_modules/subproc.
    expect(files).toContain('schemas/editor/subprocessor.schema.json');
    expect(files).toContain('schemas/editor/registry.schema.json');
    expect(files).toContain('policies/data/countries.json');
    expect(files).toContain('policies/data/transfers/eu-gdpr.json');
    const setup = shippedSetup();
    for (const policy of [...setup.policies, ...setup.builtins]) expect(files).toContain(policyInfo(policy).docs);
  });

  it('ships no tests, fixtures, sources, registry, CI scripts or release output', () => {
    const leaked = [...files].filter((file) =>
      /^(test|registry|scripts|bench|\.ci|\.github|dist|node_modules)\/|\.test\.|fixtures/.test(file),
    );
    expect(leaked).toEqual([]);
    // Compiled tests or tools' TypeScript sources would mean `files` lets too much through.
    expect([...files].filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('ships a declaration file beside every compiled module of the library entry point', () => {
    const modules = [...files].filter((file) => file.startsWith('build/scripts/') && file.endsWith('.js'));
    const missing = modules.filter((file) => !files.has(file.replace(/\.js$/, '.d.ts')));
    expect(missing).toEqual([]);
  });
});
