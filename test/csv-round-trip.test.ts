import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';

interface Entry {
  id: string;
  name: string;
  category: string;
  users?: string[];
  locations: { place: string; users?: string[]; mechanism?: string; mechanisms?: string[] }[];
}

const shipped = Object.fromEntries(
  readdirSync(join(ROOT, 'registry/subprocessors')).map((f) => [
    `registry/subprocessors/${f}`,
    readFileSync(join(ROOT, 'registry/subprocessors', f), 'utf8'),
  ]),
);

/** What the published list says of a vendor: whom, where, on what basis. */
function essence(text: string): Omit<Entry, 'locations'> & { locations: string[] } {
  const e = parse(text) as Entry;
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    ...(e.users ? { users: e.users } : {}),
    locations: e.locations.map(
      (l) => `${l.place}|${(l.users ?? []).join(',')}|${(l.mechanisms ?? (l.mechanism ? [l.mechanism] : [])).join(' > ')}`,
    ),
  };
}

describe('the release CSV imports back (README: "importable back with subproc import")', () => {
  const repo = gitRepo({ 'registry/registry.yaml': readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'), ...shipped });
  afterAll(() => {
    repo.cleanup();
  });

  it('every shipped vendor comes back with its name, category, user scopes, places and mechanisms', () => {
    expect(runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir).code).toBe(0);
    const imported = runCli(
      ['import', 'dist/subprocessors.csv', '--out', 'back', '--controller', 'Withings', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    for (const [path, text] of Object.entries(shipped)) {
      const back = readFileSync(join(repo.dir, 'back/subprocessors', path.split('/').pop() ?? ''), 'utf8');
      expect(essence(back), path).toEqual(essence(text));
    }
  });
});

describe('mechanisms in order survive the round trip', () => {
  const TWILIO = 'registry/subprocessors/twilio.yaml';
  const registry = { ...shipped, [TWILIO]: (shipped[TWILIO] ?? '').replace('    mechanism: dpf\n', '    mechanisms: [dpf, scc]\n') };
  const repo = gitRepo({ 'registry/registry.yaml': readFileSync(join(ROOT, 'registry/registry.yaml'), 'utf8'), ...registry });
  afterAll(() => {
    repo.cleanup();
  });

  it('a vendor with mechanisms: [dpf, scc] is published as "dpf, else scc" and imports back as the list', () => {
    expect(registry[TWILIO]).toContain('mechanisms: [dpf, scc]');
    expect(runCli(['build', '--out', 'dist', '--released-at', '2026-11-30T10:00:00Z'], repo.dir).code).toBe(0);
    expect(readFileSync(join(repo.dir, 'dist/subprocessors.csv'), 'utf8')).toContain('"dpf, else scc"');
    const imported = runCli(
      ['import', 'dist/subprocessors.csv', '--out', 'back', '--controller', 'Withings', '--controller-country', 'FR'],
      repo.dir,
    );
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const back = readFileSync(join(repo.dir, 'back/subprocessors/twilio.yaml'), 'utf8');
    expect(essence(back)).toEqual(essence(registry[TWILIO]));
    expect(essence(back).locations).toEqual(['US||dpf > scc']);
  });
});
