import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAndVerifyRelease, signReleaseFolder, verifyReleaseFolder } from '../../scripts/pipeline/release.js';
import {
  ARTEFACT_NAMES,
  artefact,
  CHECKSUMS_FILE,
  checksumProblems,
  PUBLIC_KEY_FILE,
  PAGE_FILE,
  RELEASE_FILE,
  signatureFileOf,
  SIGNED_ARTEFACTS,
  type ArtefactName,
} from '../../scripts/release/artefacts.js';
import { readReleaseFolder } from '../../scripts/release/folder.js';
import { formatPublicKey, generateKeyPair, parseSignature } from '../../scripts/release/minisign.js';
import { ASSET_NAME, publishRelease } from '../../scripts/release/publish.js';
import { parseTrustedComment } from '../../scripts/release/signing.js';
import { gitRepo } from '../helpers/git-repo.js';
import { ReleasesStandin } from '../helpers/releases-standin.js';
import { minisign, NOW, readFolder, RELEASED_AT, run, shippedRegistryTree, subproc } from './fixtures.js';

const rows = ARTEFACT_NAMES.map((name) => [name, artefact(name)] as const);
const marked = (test: (name: ArtefactName) => boolean) => ARTEFACT_NAMES.filter(test);
const sorted = (names: readonly string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('the release table', () => {
  it.each(rows)('%s: a name GitHub keeps as it is, and a media type', (name, spec) => {
    expect(name).toMatch(ASSET_NAME);
    expect(spec.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+(; charset=utf-8)?$/);
  });

  it('gives every signed file one signature row, and every signature row signs a signed file', () => {
    expect(SIGNED_ARTEFACTS).toEqual([RELEASE_FILE, PAGE_FILE]);
    for (const name of SIGNED_ARTEFACTS) expect(artefact(signatureFileOf(name)).origin, name).toEqual({ kind: 'signature', of: name });
    const signatureRows = rows.filter(([, spec]) => spec.origin.kind === 'signature');
    expect(signatureRows.map(([name]) => name)).toEqual(SIGNED_ARTEFACTS.map(signatureFileOf));
  });

  it('has one SHA256SUMS row, not listed in itself', () => {
    expect(rows.filter(([, spec]) => spec.origin.kind === 'checksums').map(([name]) => name)).toEqual([CHECKSUMS_FILE]);
    expect(artefact(CHECKSUMS_FILE).inChecksums).toBe(false);
  });
});

describe('build, SHA256SUMS, sign, verify and publish agree with the release table', () => {
  const pair = generateKeyPair();
  const publicKey = formatPublicKey(pair.publicKey);
  // A committed public key: build then ships minisign.pub, so after signing every row of the table is present.
  const repo = gitRepo({ ...shippedRegistryTree(), 'keys/minisign.pub': publicKey });
  const dist = join(repo.dir, 'dist');
  let standin: ReleasesStandin;
  afterAll(async () => {
    await standin.close();
    repo.cleanup();
  });

  beforeAll(async () => {
    // What an older release and a person left behind: a signature that no longer matches, and a note.
    mkdirSync(dist);
    writeFileSync(join(dist, 'subprocessors.json.minisig'), 'a signature of an older release\n');
    writeFileSync(join(dist, 'notes.txt'), 'not part of any release\n');
    standin = await ReleasesStandin.start({ owner: 'acme', repo: 'subprocessors', token: 'ghs_tableToken' });
  });

  const rendered = marked((name) => artefact(name).origin.kind === 'rendered');

  it('build writes exactly the rows it renders, the committed key and SHA256SUMS; the older signature goes, the note stays', () => {
    const result = subproc(['build', '--released-at', RELEASED_AT], repo.dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain([...rendered, PUBLIC_KEY_FILE, CHECKSUMS_FILE].map((name) => `  ${name}\n`).join(''));
    expect([...readFolder(dist).keys()]).toEqual(sorted([...rendered, PUBLIC_KEY_FILE, CHECKSUMS_FILE, 'notes.txt']));
  });

  it('sign adds the signature of each signed row and rewrites SHA256SUMS over exactly the rows marked for it', async () => {
    const signed = await signReleaseFolder(dist, pair.secretKey, { now: new Date(NOW) });
    expect(signed.kind).toBe('signed');
    expect(signed.kind === 'signed' && signed.signatures).toEqual(SIGNED_ARTEFACTS.map(signatureFileOf));

    expect([...readFolder(dist).keys()]).toEqual(sorted([...ARTEFACT_NAMES, 'notes.txt']));
    const listed = readFileSync(join(dist, CHECKSUMS_FILE), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^[0-9a-f]{64} {2}/, ''));
    expect(listed).toEqual(sorted(marked((name) => artefact(name).inChecksums)));
    const sums = run('sha256sum', ['--strict', '-c', CHECKSUMS_FILE], dist);
    expect(sums.code, sums.stdout + sums.stderr).toBe(0);
    const { files, strays } = await readReleaseFolder(dist);
    expect(checksumProblems(files)).toEqual([]);
    expect(strays).toEqual(['notes.txt']);
  });

  it.each(SIGNED_ARTEFACTS.map((name) => [name]))('the signature covers %s, and minisign accepts it with the shipped key', (name) => {
    const signature = parseSignature(readFileSync(join(dist, signatureFileOf(name)), 'utf8'));
    expect(parseTrustedComment(signature.trustedComment).file).toBe(name);
    const checked = minisign(
      ['-H', '-Vm', join(dist, name), '-x', join(dist, signatureFileOf(name)), '-p', join(dist, PUBLIC_KEY_FILE)],
      dist,
    );
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  });

  it('verify reads the folder back through the same table', async () => {
    const { verified, files } = await verifyReleaseFolder(dist, publicKey, new Date(NOW));
    expect(verified.version).toBe('1.0.0');
    expect([...files.keys()]).toEqual(ARTEFACT_NAMES);
  });

  it('publish uploads exactly the rows present in the folder, not the note beside them', async () => {
    const logs: string[] = [];
    const result = await publishRelease({
      dir: dist,
      owner: 'acme',
      repo: 'subprocessors',
      token: 'ghs_tableToken',
      baseUrl: standin.url,
      // Publish verifies the folder with the pinned key before uploading, at the tests' clock.
      publicKey,
      now: new Date(NOW),
      log: (line) => logs.push(line),
      timings: { retryBaseMs: 1, rateLimitBaseMs: 1, writeSpacingMs: 0 },
    });
    expect(result.uploaded).toEqual(sorted(ARTEFACT_NAMES));
    const [release] = standin.releases();
    expect(sorted(release?.assets.map((asset) => asset.name) ?? [])).toEqual(sorted(ARTEFACT_NAMES));
    for (const asset of release?.assets ?? [])
      expect(standin.assetBytes(asset.id).equals(readFileSync(join(dist, asset.name))), asset.name).toBe(true);
    expect(logs).toContain(`${join(dist, 'notes.txt')} is not one of the release's files: not uploaded`);
  });

  it('release signs with a one-time key only by shipping its public half, and verifies what it wrote', async () => {
    // Whether a one-time key may sign at all is keys.ts's question (not here, where a key is committed): this is
    // about what the pipeline writes for one.
    const oneTime = generateKeyPair();
    const out = join(repo.dir, 'dist-one-time');
    expect(subproc(['build', '--released-at', RELEASED_AT, '--out', 'dist-one-time'], repo.dir).code).toBe(0);
    const outcome = await signAndVerifyRelease(
      out,
      { kind: 'ephemeral', secret: oneTime.secretKey, publicKey: oneTime.publicKey },
      new Date(NOW),
    );
    expect(outcome.kind).toBe('verified');
    expect(outcome.kind === 'verified' && outcome.publicKeyShipped).toBe(true);
    expect(readFileSync(join(out, PUBLIC_KEY_FILE), 'utf8')).toBe(formatPublicKey(oneTime.publicKey));
    const { files } = await readReleaseFolder(out);
    expect(checksumProblems(files)).toEqual([]);
  });
});
