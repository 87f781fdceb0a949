import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPublicKey, generateKeyPair } from '../scripts/release/minisign.js';
import { gitRepo } from './helpers/git-repo.js';
import { ReleasesStandin } from './helpers/releases-standin.js';
import { BIN, ROOT, runCli, type CliResult } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const OWNER = 'acme-privacy';
const REPO = 'subprocessors';
const TOKEN = 'ghs_releaseToken';

/** The CLI, spawned without blocking: the stand-in answers from this same process. */
function runCliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('subproc publish, from a release built by subproc release, to a stand-in GitHub', () => {
  const repo = gitRepo({ 'README.md': 'registry\n' });
  const secrets = tempDir('subproc-secret-');
  let standin: ReleasesStandin;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    cpSync(join(ROOT, 'registry'), join(repo.dir, 'registry'), { recursive: true });
    const secretFile = join(secrets.dir, 'release.key');
    expect(runCli(['keygen', '--secret-file', secretFile], repo.dir).code).toBe(0);
    repo.commit({}, 'registry and public key');
    const built = runCli(['release', '--key-file', secretFile, '--released-at', new Date().toISOString()], repo.dir);
    expect(built.code, built.stderr).toBe(0);
    standin = await ReleasesStandin.start({ owner: OWNER, repo: REPO, token: TOKEN });
    env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standin.url, GITHUB_REPOSITORY: `${OWNER}/${REPO}` };
  }, 60_000);

  afterAll(async () => {
    await standin.close();
    repo.cleanup();
    secrets.cleanup();
  });

  it('publishes the release once; a second run changes nothing', async () => {
    const first = await runCliAsync(['publish'], repo.dir, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^v1\.0\.0 published: 11 uploaded, 0 replaced, 0 already there\n/);
    const [release] = standin.releases();
    expect(release).toMatchObject({ tag_name: 'v1.0.0', draft: false });
    expect(release?.assets.map((a) => a.name).sort()).toEqual([
      'CHANGELOG.md',
      'SHA256SUMS',
      'feed.json',
      'feed.xml',
      'index.html',
      'index.html.minisig',
      'minisign.pub',
      'subprocessors.csv',
      'subprocessors.json',
      'subprocessors.json.minisig',
      'subprocessors.md',
    ]);
    expect(first.stdout + first.stderr).not.toContain(TOKEN);

    const second = await runCliAsync(['publish'], repo.dir, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('v1.0.0 already published with the same files: nothing to do');
    expect(standin.releases()).toHaveLength(1);
  }, 60_000);

  it('the next build reads the previous release from GitHub: no change, no release; a re-issue is a patch', async () => {
    const unchanged = await runCliAsync(['build', '--previous-from-github', '--out', 'dist-next'], repo.dir, env);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toContain('nothing changed since 1.0.0: no release');
    const reissued = await runCliAsync(['build', '--previous-from-github', '--reissue', '--out', 'dist-next'], repo.dir, env);
    expect(reissued.code, reissued.stderr).toBe(0);
    expect(reissued.stdout).toContain('built 1.0.1 (reissue)');
    const feed = JSON.parse(readFileSync(join(repo.dir, 'dist-next', 'feed.json'), 'utf8')) as { items: { id: string }[] };
    // An unchanged re-issue adds no feed item: the previous feed, read from the release, is carried.
    expect(feed.items.map((i) => i.id)).toEqual(['v1.0.0']);
  }, 60_000);

  it('refuses to overwrite a published release with other bytes', async () => {
    const rebuilt = runCli(
      ['release', '--key-file', join(secrets.dir, 'release.key'), '--released-at', new Date(Date.now() + 5000).toISOString()],
      repo.dir,
    );
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const refused = await runCliAsync(['publish'], repo.dir, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^subproc: publish: /);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(standin.releases()).toHaveLength(1);
  }, 60_000);

  it('verifies the release with --pubkey before uploading: another key is refused (exit 1), nothing sent', async () => {
    const otherKey = join(secrets.dir, 'other.pub');
    writeFileSync(otherKey, formatPublicKey(generateKeyPair().publicKey));
    const before = standin.requests.length;
    const refused = await runCliAsync(['publish', '--pubkey', otherKey], repo.dir, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^subproc: publish: .*subprocessors\.json does not verify with the pinned key [0-9A-F]{16}: wrong-key/);
    expect(refused.stderr).toContain('Nothing was uploaded');
    expect(standin.requests.slice(before)).toEqual([]);
  });

  it('without keys/minisign.pub or --pubkey, refuses to publish (exit 2)', async () => {
    const bare = tempDir('subproc-no-pin-');
    try {
      cpSync(join(repo.dir, 'dist'), join(bare.dir, 'dist'), { recursive: true });
      const before = standin.requests.length;
      const result = await runCliAsync(['publish'], bare.dir, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('publish: no pinned public key: keys/minisign.pub does not exist');
      expect(result.stderr).toContain('--pubkey FILE');
      expect(standin.requests.slice(before)).toEqual([]);
    } finally {
      bare.cleanup();
    }
  });

  it('without a token, says how to give one (exit 2)', async () => {
    const result = await runCliAsync(['publish', '--repo', `${OWNER}/${REPO}`], repo.dir, { GITHUB_API_URL: standin.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no token: set GITHUB_TOKEN');
  });
});
