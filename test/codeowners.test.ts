// Issue 12, point 12: every file that runs or judges has an owner whose approval branch protection requires. The
// repository's own tracked files are matched against .github/CODEOWNERS the way GitHub matches them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

interface Rule {
  readonly line: number;
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly matches: (path: string) => boolean;
}

/**
 * A CODEOWNERS pattern as GitHub reads it (gitignore rules, less `!`, `[…]` and `\`): a leading `/`, or a `/` inside
 * the pattern, anchors it at the repository root, otherwise it matches at any depth; a trailing `/` matches only
 * what is inside a directory; a pattern naming a directory owns everything under it; `*` and `?` stay within one
 * path segment, `**` crosses them, and `dir/*` owns only the files directly inside dir/.
 */
export function codeownersMatcher(pattern: string): (path: string) => boolean {
  let body = pattern;
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.slice(0, -1);
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (body.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (body.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // `docs/*` owns the files directly in docs/, not deeper ones (GitHub's documented exception to gitignore).
  const inside = directoryOnly ? '/.+' : body.endsWith('/*') ? '' : '(?:/.+)?';
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}${inside}$`);
  return (path) => regex.test(path);
}

/** The rules of a CODEOWNERS file, in order; comments and blank lines skipped. */
export function parseCodeowners(text: string): Rule[] {
  const rules: Rule[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [pattern = '', ...owners] = line.split(/\s+/);
    rules.push({ line: index + 1, pattern, owners, matches: codeownersMatcher(pattern) });
  });
  return rules;
}

/** The rule that decides a path's owners: the last one that matches. */
export function ownerRule(rules: readonly Rule[], path: string): Rule | undefined {
  return rules.findLast((rule) => rule.matches(path));
}

const rules = parseCodeowners(readFileSync(join(ROOT, '.github', 'CODEOWNERS'), 'utf8'));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

/** What runs (in CI, in the review and release jobs, on a developer's machine) or judges (policies, facts, schemas, settings). */
const RUNS_OR_JUDGES = [
  /^(scripts|policies|schemas|bin|keys|test|bench|\.github|\.ci)\//,
  /^docs\/policies\//,
  /^package(-lock)?\.json$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /(^|\/)[^/]*\.config\.[^/]+$/,
  /^dangerfile\.ts$/,
  // The GitHub Action: its metadata and the committed bundle every review, comment and release job runs.
  /^action\.yml$/,
  /^action\//,
  /^\.dependency-cruiser\.cjs$/,
  /^\.gitattributes$/,
  /^registry\/registry\.yaml$/,
];

describe('CODEOWNERS matching, as GitHub documents it', () => {
  it.each([
    ['*.js', 'a/b/c.js', true],
    ['*.js', 'c.jsx', false],
    ['/build/logs/', 'build/logs/x/y.log', true],
    ['/build/logs/', 'a/build/logs/y.log', false],
    ['/build/logs/', 'build/logs', false],
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'a/docs/getting-started.md', false],
    ['apps/', 'apps/x.ts', true],
    ['apps/', 'src/apps/x.ts', true],
    ['/docs/', 'docs/a/b.md', true],
    ['/docs/', 'src/docs/b.md', false],
    ['**/logs', 'a/b/logs/x.log', true],
    ['**/logs', 'logs/x.log', true],
    ['/scripts/**', 'scripts/a/b.ts', true],
    ['tsconfig*.json', 'bench/tsconfig.json', true],
    ['tsconfig*.json', 'tsconfig.build.json', true],
    ['tsconfig*.json', 'tsconfig/x.ts', false],
    ['*.config.*', 'vitest.config.ts', true],
    ['/package.json', 'package.json', true],
    ['/package.json', 'sub/package.json', false],
    ['/registry/registry.yaml', 'registry/registry.yaml', true],
    ['/dangerfile.ts', 'dangerfile.tsx', false],
    ['*', 'anything/at/all', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(codeownersMatcher(pattern)(path)).toBe(expected);
  });

  it('the last matching line wins, and a line without owners leaves its paths unowned', () => {
    const parsed = parseCodeowners('/src/ @a\n/src/vendor/\n/src/vendor/keep.ts @b\n');
    expect(ownerRule(parsed, 'src/x.ts')?.owners).toEqual(['@a']);
    expect(ownerRule(parsed, 'src/vendor/x.ts')?.owners).toEqual([]);
    expect(ownerRule(parsed, 'src/vendor/keep.ts')?.owners).toEqual(['@b']);
  });
});

describe('.github/CODEOWNERS', () => {
  it('uses only syntax GitHub accepts: no negation, brackets or escapes; owners are @users, @org/teams or e-mails', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.pattern, `line ${String(rule.line)}`).not.toMatch(/^!|[[\]\\]/);
      expect(rule.owners.length, `line ${String(rule.line)}: ${rule.pattern}`).toBeGreaterThan(0);
      for (const owner of rule.owners) expect(owner, `line ${String(rule.line)}`).toMatch(/^@[\w-]+(\/[\w.-]+)?$|^[^@\s]+@[^@\s]+$/);
    }
  });

  it('owns every tracked file that runs or judges', () => {
    const judged = tracked.filter((path) => RUNS_OR_JUDGES.some((re) => re.test(path)));
    // The selection reaches every kind of file it names (a pattern that selects nothing would test nothing).
    for (const kind of ['scripts/', 'policies/data/', 'schemas/', 'bin/', '.github/workflows/', '.ci/', 'docs/policies/', 'test/'])
      expect(
        judged.some((path) => path.startsWith(kind)),
        kind,
      ).toBe(true);
    for (const file of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'eslint.config.js',
      'dangerfile.ts',
      'action.yml',
      'action/index.js',
      'registry/registry.yaml',
    ])
      expect(judged, file).toContain(file);
    const unowned = judged.filter((path) => (ownerRule(rules, path)?.owners.length ?? 0) === 0);
    expect(unowned).toEqual([]);
  });

  it.each([
    // Paths not in the repository yet, which CODEOWNERS must already cover: the release key, a new law, a new workflow.
    ['keys/minisign.pub', '@your-org/platform'],
    ['policies/data/transfers/uk-gdpr.json', '@your-org/privacy-reviewers'],
    ['.github/workflows/new.yml', '@your-org/platform'],
    ['scripts/new/tool.ts', '@your-org/platform'],
    // Who decides what: the settings and the facts need the privacy reviewers, the machinery the platform team.
    ['registry/registry.yaml', '@your-org/privacy-reviewers'],
    ['registry/subprocessors/klarna.yaml', '@your-org/privacy-reviewers'],
    ['policies/data/countries.json', '@your-org/privacy-reviewers'],
    ['policies/vague-location.ts', '@your-org/privacy-reviewers'],
    ['docs/policies/vague-location.md', '@your-org/privacy-reviewers'],
    ['bin/subproc.js', '@your-org/platform'],
    ['package-lock.json', '@your-org/platform'],
    ['tsconfig.build.json', '@your-org/platform'],
    ['.dependency-cruiser.cjs', '@your-org/platform'],
    ['eslint.config.js', '@your-org/platform'],
    ['.ci/run', '@your-org/platform'],
    ['dangerfile.ts', '@your-org/platform'],
    ['.github/CODEOWNERS', '@your-org/privacy-reviewers'],
  ])('%s is owned by %s', (path, owner) => {
    expect(ownerRule(rules, path)?.owners).toContain(owner);
  });
});
