import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../scripts/engine/change.js';
import { formatPublicKey, generateKeyPair } from '../scripts/release/minisign.js';
import type { ReleaseDiff } from '../scripts/generated/diff.js';
import { gitRepo } from './helpers/git-repo.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';
import { MAX_RELEASE_DEPTH } from '../scripts/release/read-release.js';

type SchemaNode = { readonly [key: string]: unknown };

/**
 * How many arrays and objects deep a document valid under the schema can nest below its root, following $refs
 * (across files in `dir`); Infinity when a $ref recurses.
 */
function schemaDepth(dir: string, file: string): number {
  const files = new Map<string, SchemaNode>();
  const load = (name: string) => {
    const found = files.get(name) ?? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as SchemaNode);
    files.set(name, found);
    return found;
  };
  const walk = (node: unknown, base: string, seen: ReadonlySet<string>): number => {
    if (typeof node !== 'object' || node === null) return 0;
    const schema = node as SchemaNode;
    if (typeof schema.$ref === 'string') {
      const [target = '', pointer = ''] = schema.$ref.split('#');
      const name = target || base;
      const key = `${name}#${pointer}`;
      if (seen.has(key)) return Infinity;
      let resolved: unknown = load(name);
      for (const part of pointer.split('/').filter(Boolean)) resolved = (resolved as SchemaNode)[part];
      return walk(resolved, name, new Set([...seen, key]));
    }
    const same = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
    const children = [
      ...Object.values((schema.properties ?? {}) as SchemaNode),
      ...Object.values((schema.patternProperties ?? {}) as SchemaNode),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
      ...(schema.items === undefined ? [] : [schema.items]),
    ];
    return Math.max(
      0,
      ...[...same, schema.then, schema.else].map((n) => walk(n, base, seen)),
      ...children.map((n) => 1 + walk(n, base, seen)),
    );
  };
  return walk(load(file), file, new Set());
}

/** schemas/diff.schema.json compiled by the test's own Ajv: the output is checked against the file, not the code. */
const validateDiff = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile<ReleaseDiff>(JSON.parse(readFileSync(join(ROOT, 'schemas/diff.schema.json'), 'utf8')) as object);
})();

// Two real releases, signed with a key made by keygen: 1.1.0 adds gamma (starting later), retires beta and moves
// acme's transfer to the US from SCCs to the Data Privacy Framework.
const repo = gitRepo({
  'registry/registry.yaml': settingsYaml(),
  'registry/subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'scc' }] }),
  'registry/subprocessors/beta.yaml': vendorYaml('beta'),
});
const outside = tempDir('subproc-diff-key-');
const secret = join(outside.dir, 'release.key');
const at = (...parts: string[]) => join(repo.dir, ...parts);
const diff = (...args: string[]) => runCli(['diff', ...args], repo.dir);

beforeAll(() => {
  const steps = [
    () => runCli(['keygen', '--out', 'keys', '--secret-file', secret], repo.dir),
    () => runCli(['release', '--out', 'v1', '--key-file', secret], repo.dir),
    () => {
      repo.commit(
        {
          'registry/subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'US', mechanism: 'dpf' }] }),
          'registry/subprocessors/beta.yaml': vendorYaml('beta', { retired: { on: '2026-11-01', reason: 'Contract ended' } }),
          'registry/subprocessors/gamma.yaml': vendorYaml('gamma', { name: 'Gamma Mail', since: '2099-01-15' }),
        },
        'second release',
      );
      return runCli(['release', '--out', 'v2', '--previous', 'v1', '--key-file', secret], repo.dir);
    },
  ];
  for (const step of steps) {
    const result = step();
    expect(result.code, result.stdout + result.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => {
  repo.cleanup();
  outside.cleanup();
});

describe('subproc diff OLD NEW', () => {
  it('says in words what changed, customer notice first, after verifying both with the key', () => {
    const result = diff('v1', 'v2', '--pubkey', 'keys/minisign.pub');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^1\.0\.0 \(\d{4}-\d\d-\d\d\) → 1\.1\.0 \(\d{4}-\d\d-\d\d\)$/);
    expect(result.stdout).toContain('Changes that need customer notice (3):');
    expect(lines.filter((l) => l.startsWith('  - '))).toEqual([
      '  - Added Gamma Mail (FR: none), from 2099-01-15.',
      '  - Retired Vendor beta on 2026-11-01: Contract ended.',
      '  - Vendor acme changes the transfer mechanism for US from scc to dpf.',
    ]);
  });

  it('--format json gives versions, dates and items with kind, id and needsNotice, valid under schemas/diff.schema.json', () => {
    const result = diff('v1/subprocessors.json', 'v2', '--format', 'json', '--pubkey', 'keys/minisign.pub');
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as ReleaseDiff;
    expect(validateDiff(out), JSON.stringify(validateDiff.errors)).toBe(true);
    const v1 = JSON.parse(readFileSync(at('v1/subprocessors.json'), 'utf8')) as { releasedAt: string };
    expect(out.old).toEqual({ version: '1.0.0', releasedAt: v1.releasedAt, source: 'v1/subprocessors.json' });
    expect(out.new.version).toBe('1.1.0');
    expect(out.verified).toBe(true);
    expect(out.changed).toBe(true);
    expect(out.items.map(({ kind, id, needsNotice }) => ({ kind, id, needsNotice }))).toEqual([
      { kind: 'added', id: 'gamma', needsNotice: true },
      { kind: 'retired', id: 'beta', needsNotice: true },
      { kind: 'mechanism-changed', id: 'acme', needsNotice: true },
    ]);
  });

  it('a change that needs no notice is listed after those that do', () => {
    const edited = tempDir('subproc-diff-edit-');
    try {
      const doc = JSON.parse(readFileSync(at('v2/subprocessors.json'), 'utf8')) as {
        subprocessors: { id: string; notes?: string; locations: { place: string }[] }[];
      };
      const acme = doc.subprocessors.find((s) => s.id === 'acme');
      if (!acme) throw new Error('acme is in the release');
      acme.notes = 'Contract renewed';
      writeFileSync(join(edited.dir, 'subprocessors.json'), JSON.stringify(doc));
      const result = diff('v1', join(edited.dir, 'subprocessors.json'), '--format', 'json');
      expect(result.code, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout) as ReleaseDiff;
      expect(validateDiff(out)).toBe(true);
      expect(out.items.map((i) => [i.kind, i.needsNotice])).toEqual([
        ['added', true],
        ['retired', true],
        ['mechanism-changed', true],
        ['edited', false],
      ]);
      expect(out.items[3]?.text).toBe('Vendor acme: notes updated.');
    } finally {
      edited.cleanup();
    }
  });

  it('the same release twice: "No changes", exit 0, and 0 with --exit-code too', () => {
    const plain = diff('v2', 'v2', '--pubkey', 'keys/minisign.pub');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('No changes to the subprocessors.');
    expect(diff('v2', 'v2', '--exit-code').code).toBe(0);
    expect(diff('v1', 'v2', '--exit-code').code).toBe(1);
  });

  it('without a key it compares, and says on stderr that nothing was verified', () => {
    const result = diff('v1', 'v2', '--format', 'json');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the releases were not verified (no --pubkey)');
    expect((JSON.parse(result.stdout) as ReleaseDiff).verified).toBe(false);
  });

  it('OLD newer than NEW: a warning, and the diff all the same', () => {
    const result = diff('v2', 'v1', '--pubkey', 'keys/minisign.pub', '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: OLD (1.1.0) is newer than NEW (1.0.0)');
    const out = JSON.parse(result.stdout) as ReleaseDiff;
    expect(validateDiff(out)).toBe(true);
    expect(out.oldIsNewer).toBe(true);
    expect(out.items.map((i) => i.kind).sort()).toEqual(['deleted', 'mechanism-changed', 'reactivated']);
  });
});

describe('the diff schema', () => {
  it('names every kind of the change table, so a new kind cannot produce output its own schema refuses', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/diff.schema.json'), 'utf8')) as {
      properties: { items: { items: { properties: { kind: { enum: string[] } } } } };
    };
    expect([...schema.properties.items.items.properties.kind.enum].sort()).toEqual(Object.keys(CHANGE_KINDS).sort());
  });
});

describe('subproc diff refuses what it cannot trust or read', () => {
  const copy = (from: string, to: string) => {
    cpSync(at(from), at(to), { recursive: true });
  };

  it('a tampered NEW with a key: exit 1, naming NEW and the failed check; nothing compared', () => {
    copy('v2', 'tampered');
    const file = at('tampered/subprocessors.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Gamma Mail', 'Gamma Mall'));
    const result = diff('v1', 'tampered', '--pubkey', 'keys/minisign.pub');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/REFUSED: NEW release .*tampered\/subprocessors\.json failed verification \(bad-signature\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unsigned OLD with a key: exit 1, saying which side has no signature', () => {
    mkdirSync(at('unsigned'));
    copy('v1/subprocessors.json', 'unsigned/subprocessors.json');
    const result = diff('unsigned', 'v2', '--pubkey', 'keys/minisign.pub');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /REFUSED: OLD release .*unsigned\/subprocessors\.json is not signed: .*subprocessors\.json\.minisig does not exist/,
    );
  });

  it('signed with another key: exit 1 (wrong-key)', () => {
    const other = tempDir('subproc-diff-other-');
    try {
      writeFileSync(join(other.dir, 'other.pub'), formatPublicKey(generateKeyPair().publicKey));
      const result = diff('v1', 'v2', '--pubkey', join(other.dir, 'other.pub'));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('REFUSED: OLD release');
      expect(result.stderr).toContain('(wrong-key)');
    } finally {
      other.cleanup();
    }
  });

  it('a document that is not a release: exit 1 with file:line:column and what is wrong', () => {
    const doc = readFileSync(at('v1/subprocessors.json'), 'utf8');
    writeFileSync(at('broken.json'), doc.replace('"mechanism":"scc"', '"mechanism":"scc",'));
    const broken = diff('broken.json', 'v2');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/subproc: diff: .*broken\.json:1:\d+: not JSON/);

    const pretty = JSON.stringify(JSON.parse(doc), null, 2).replace('"place": "US"', '"place": 42');
    writeFileSync(at('invalid.json'), pretty);
    const line = pretty.split('\n').findIndex((l) => l.includes('"place": 42')) + 1;
    const invalid = diff('v1', 'invalid.json');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`invalid.json:${line}:`);
    expect(invalid.stderr).toMatch(/not a valid release document: \/subprocessors\/0\/locations\/0\/place/);
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
  });

  it('a release listing one subprocessor twice, unverified: exit 1, naming the side, the id and where', () => {
    const doc = JSON.parse(readFileSync(at('v2/subprocessors.json'), 'utf8')) as { subprocessors: { id: string }[] };
    const [first] = doc.subprocessors;
    if (first === undefined) throw new Error('v2 lists no subprocessor');
    doc.subprocessors.push({ ...first });
    const text = JSON.stringify(doc, null, 2);
    writeFileSync(at('twice.json'), text);
    const lines = text.split('\n');
    const second = lines.findLastIndex((l) => l.includes(`"id": "${first.id}"`)) + 1;
    const result = diff('v1', 'twice.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `subproc: diff: NEW release ${at('twice.json')}:${second}:13: subprocessor id "${first.id}" is listed twice (subprocessors 1 and ${doc.subprocessors.length})`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a 6 MB document nested millions deep: refused in well under the 49 s it took, located, before any parsing', () => {
    const depth = 3_000_000;
    writeFileSync(at('deep.json'), `{\n  "schemaVersion": 1,\n  "x": ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`);
    const started = performance.now();
    const result = diff('deep.json', 'v2');
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `OLD release ${at('deep.json')}:3:${8 + MAX_RELEASE_DEPTH - 1}: nested more than ${MAX_RELEASE_DEPTH} levels deep`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(seconds).toBeLessThan(4);
  });

  it('the depth bound leaves room for every document the release schema allows', () => {
    expect(schemaDepth(join(ROOT, 'schemas'), 'release.schema.json')).toBeLessThan(MAX_RELEASE_DEPTH);
  });

  it('usage errors exit 2: a missing release, one argument, an unknown format', () => {
    const missing = diff('v1', 'nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the NEW release');
    expect(missing.stderr).toContain('it does not exist');
    expect(diff('v1').code).toBe(2);
    expect(diff('v1', 'v2', '--format', 'yaml').code).toBe(2);
    expect(diff('v1', 'v2', '--pubkey', 'nokey.pub').code).toBe(2);
  });
});
