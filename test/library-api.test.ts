// The library as an adopter imports it: by the package's name, resolved through `exports` to the compiled entry
// point (Node resolves a package's own name from inside it), not by a path into scripts/.
import { afterEach, describe, expect, it } from 'vitest';
import { formatPublicKey, generateKeyPair } from '../scripts/release/minisign.js';
import { gitRepo } from './helpers/git-repo.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';
import { signedRelease } from './release/signed-release.js';

const api = await import('subproc');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repo() {
  const created = gitRepo({
    'registry/registry.yaml': settingsYaml(),
    'registry/subprocessors/acme.yaml': vendorYaml('acme'),
  });
  cleanups.push(created.cleanup);
  return created;
}

describe("import('subproc')", () => {
  it('resolves to the compiled entry point and names its version', () => {
    expect(api.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof api.verifyRelease).toBe('function');
  });

  it('diffReleases says what changed between two release documents, notice first', () => {
    const doc = (version: string, subprocessors: unknown[]) =>
      ({
        schemaVersion: '1.3.0',
        version,
        releasedAt: '2026-11-30T10:00:00Z',
        expiresAt: '2027-02-28T10:00:00Z',
        controller: { name: 'Acme', country: 'FR' },
        noticePeriodDays: 30,
        categories: [{ id: 'hosting', title: 'Hosting' }],
        source: { commit: 'a'.repeat(40) },
        subprocessors,
      }) as unknown as Parameters<typeof api.diffReleases>[0];
    const vendor = (id: string, mechanism: string) => ({
      id,
      name: `Vendor ${id}`,
      category: 'hosting',
      tasks: ['Hosting'],
      status: 'active',
      locations: [{ place: 'US', mechanism }],
    });
    const diff = api.diffReleases(doc('1.0.0', [vendor('acme', 'scc')]), doc('1.1.0', [vendor('acme', 'dpf'), vendor('beta', 'scc')]));
    expect(diff.items.map((i) => [i.kind, i.id, i.needsNotice])).toEqual([
      ['added', 'beta', true],
      ['mechanism-changed', 'acme', true],
    ]);
    expect(api.renderDiffText(diff)).toContain('1.0.0 (2026-11-30) → 1.1.0 (2026-11-30)');
  });

  it("reads a location's mechanisms in order, whichever field states them", () => {
    expect(api.mechanismsOf({ mechanisms: ['dpf', 'scc'] })).toEqual(['dpf', 'scc']);
    expect(api.mechanismsOf({ mechanism: 'scc' })).toEqual(['scc']);
  });

  it('loads a registry from a folder and from a git revision', async () => {
    const { dir, commit } = repo();
    commit({ 'registry/subprocessors/beta.yaml': vendorYaml('beta') }, 'add beta');
    const now = await api.loadRegistry({ cwd: dir });
    expect(now.subprocessors.map((s) => s.id)).toEqual(['acme', 'beta']);
    expect(now.diagnostics).toEqual([]);
    const before = await api.loadRegistry({ cwd: dir, ref: 'HEAD~1' });
    expect(before.subprocessors.map((s) => s.id)).toEqual(['acme']);
    const change = api.computeChange(before, now);
    expect(api.changeItems(change).map((item) => [item.kind, item.id])).toEqual([['added', 'beta']]);
  });

  it('reports invalid files as located diagnostics rather than throwing, and a missing folder as a SourceError', async () => {
    const { dir, commit } = repo();
    commit({ 'registry/subprocessors/bad.yaml': 'id: bad\nname: [\n' }, 'broken');
    const loaded = await api.loadRegistry({ cwd: dir });
    expect(loaded.diagnostics[0]).toMatchObject({ file: 'registry/subprocessors/bad.yaml', severity: 'error' });
    await expect(api.loadRegistry({ cwd: dir, dir: 'nowhere' })).rejects.toBeInstanceOf(api.SourceError);
  });

  it('checks a change against a base as the command does', async () => {
    const { dir, commit, git } = repo();
    git('switch', '-q', '-c', 'change');
    commit({ 'registry/subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'US' }] }) }, 'move acme');
    const report = await api.check({ head: { cwd: dir }, base: 'main', today: '2026-11-30' });
    expect(report.counts.errors).toBeGreaterThan(0);
    expect(report.diagnostics.map((d) => d.policy)).toContain('missing-transfer-mechanism');
    const alone = await api.validate({ cwd: dir }, { today: '2026-11-30' });
    expect(alone.command).toBe('validate');
  });

  it('verifies a signed release and refuses one signed by another key', () => {
    const { publicKey, secretKey } = generateKeyPair();
    const release = signedRelease(secretKey, '1.2.3');
    const input = { file: release.bytes, signature: release.signature, now: new Date('2026-11-30T00:00:00Z') };
    const verified = api.verifyRelease({ ...input, publicKey: formatPublicKey(publicKey) });
    expect(verified.version).toBe('1.2.3');
    const other = generateKeyPair().publicKey;
    expect(() => api.verifyRelease({ ...input, publicKey: formatPublicKey(other) })).toThrow(api.VerifyError);
  });
});
