import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const SEED = 'registry/sources/withings-subprocessors.txt';

/** The files without their `$schema` line, which depends on where the registry lies (test/schema-ref.test.ts). */
function filesUnder(dir: string): Map<string, string> {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8').replace(/^# yaml-language-server: \$schema=.*\n/, '');
  const out = new Map<string, string>();
  out.set('registry.yaml', read('registry.yaml'));
  for (const name of readdirSync(join(dir, 'subprocessors')).sort()) {
    out.set(`subprocessors/${name}`, read(join('subprocessors', name)));
  }
  return out;
}

describe('the shipped registry', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);
  const out = join(temp.dir, 'registry');
  // The contact is not on the seed page: Withings' privacy policy names privacy@withings.com (checked 2026-11-30).
  const run = runCli(
    [
      'import',
      join(ROOT, SEED),
      '--out',
      out,
      '--controller',
      'Withings',
      '--controller-country',
      'FR',
      '--contact',
      'privacy@withings.com',
    ],
    temp.dir,
  );

  it('is what importing the seed page produces, byte for byte, plus the data categories a reviewer inferred', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported 24 subprocessors');
    const imported = filesUnder(out);
    const shipped = filesUnder(join(ROOT, 'registry'));
    expect([...imported.keys()]).toEqual([...shipped.keys()]);
    // The seed page gives no data categories: the ones added by hand follow a comment that starts with "# Inferred
    // from the published task" and quotes it. Without those lines each file is the import's, byte for byte.
    const INFERRED = /^# Inferred from the published task[^\n]*\n(?:#[^\n]*\n)*dataCategories: \[[a-z, -]+\]\n/m;
    const inferred: string[] = [];
    for (const [name, content] of shipped) {
      if (INFERRED.test(content)) inferred.push(name);
      expect(imported.get(name), name).toBe(content.replace(INFERRED, ''));
    }
    expect(inferred.sort()).toEqual(
      ['braintree', 'dpv-analytics', 'heartbeat-health', 'klarna', 'twilio'].map((id) => `subprocessors/${id}.yaml`),
    );
  });

  it('validates: 24 subprocessors, no diagnostics, exit 0', () => {
    const result = runCli(['validate'], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ no problems: 24 subprocessors valid, 25 files read in registry');
  });

  it('running the import again over the registry changes nothing', () => {
    const again = runCli(['import', join(ROOT, SEED), '--out', out], temp.dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 file(s) written, 25 unchanged');
  });
});
