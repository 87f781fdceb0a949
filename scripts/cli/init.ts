import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { PublisherRole } from '../engine/settings.js';
import type { RegistrySettings } from '../generated/registry.js';
import { DEFAULT_REGISTRY_DIR, EMPTY_FOLDER_PLACEHOLDER, SETTINGS_FILE, SUBPROCESSORS_DIR, toPosix } from '../registry/layout.js';
import { isCountryCode, placeLabel } from '../registry/places.js';
import { schemaReferences, writeSchemaCopies } from '../registry/schema-ref.js';
import { registryYaml } from '../registry/write-yaml.js';
import { version } from '../version.js';
import { contactProblem, noticeDaysOption, oneOf, parseCommandArgs } from './args.js';
import { INIT_HELP } from './help.js';
import {
  codeowners,
  commentWorkflow,
  GITIGNORE,
  objectionForm,
  packageJson,
  PLACEHOLDER_OWNER,
  pullRequestTemplate,
  releaseWorkflow,
  requestForm,
  reviewWorkflow,
  type InitValues,
} from './init-templates.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

/** The sections a new registry starts with; `subproc import` replaces them with the published list's. */
const STARTING_CATEGORIES: RegistrySettings['categories'] = [
  { id: 'hosting', title: 'Hosting' },
  { id: 'customer-support', title: 'Customer support' },
  { id: 'communication', title: 'Communication' },
  { id: 'analytics', title: 'Analytics' },
  { id: 'payment', title: 'Payment' },
];

const OWNER = /^(@[A-Za-z0-9-]+(\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
const BRANCH = /^[A-Za-z0-9._/-]+$/;

interface Required {
  readonly flag: string;
  readonly question: string;
  readonly check: (value: string) => string | undefined;
}

/** Control characters and the Unicode line and paragraph separators, built from code points so the source shows none. */
const LINE_BREAKING = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}\u2028\u2029]`);

const REQUIRED: readonly Required[] = [
  {
    flag: 'controller',
    question: 'Company that publishes the list (the controller)',
    // One line: the name becomes the list's title and a YAML scalar; a line break in it is a paste gone wrong.
    check: (v) =>
      v.trim() === '' || v.length > 200 || LINE_BREAKING.test(v) ? 'give the company name on one line, at most 200 characters' : undefined,
  },
  {
    flag: 'controller-country',
    question: 'Country of its main establishment, ISO code (FR, DE, IE…)',
    check: (v) => (isCountryCode(v) ? undefined : 'give an ISO 3166-1 alpha-2 country code in capitals, like FR'),
  },
  {
    flag: 'contact',
    question: 'Where customers send questions and objections (email or https:// address)',
    check: contactProblem,
  },
];

/** Asks for what the flags left out, on a terminal only: in CI or a script, a missing value is a usage error. */
async function completeValues(given: Record<string, string | undefined>, io: Io): Promise<Record<string, string>> {
  const missing = REQUIRED.filter((r) => given[r.flag] === undefined);
  const interactive = missing.length > 0 && process.stdin.isTTY && io.stdout.isTTY === true;
  if (missing.length > 0 && !interactive) {
    throw new UsageError(
      `init: missing ${missing.map((r) => `--${r.flag}`).join(', ')} (no terminal to ask on)`,
      'Example: subproc init --controller "Acme SAS" --controller-country FR --contact privacy@acme.example',
    );
  }
  const values: Record<string, string> = {};
  for (const r of REQUIRED) {
    const value = given[r.flag];
    if (value !== undefined) {
      const problem = r.check(value);
      if (problem) throw new UsageError(`init: --${r.flag} "${value}": ${problem}`);
      values[r.flag] = value;
    }
  }
  if (missing.length === 0) return values;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (const r of missing) {
      for (;;) {
        const answer = (await rl.question(`${r.question}: `)).trim();
        const problem = r.check(answer);
        if (!problem) {
          values[r.flag] = answer;
          break;
        }
        io.stdout.write(`  ${problem}\n`);
      }
    }
  } finally {
    rl.close();
  }
  return values;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** An npm package name from the folder's name: lower case, letters, digits, hyphens. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return name === '' ? 'subprocessors' : name;
}

/**
 * An existing package.json keeps everything it has: init adds the dependency on subproc and the check and release
 * scripts where they are missing, so that adopting subproc never drops a project's own dependencies.
 */
function mergedPackageJson(current: string, file: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(current);
  } catch {
    throw new UsageError(`init: ${file} is not valid JSON`, 'Fix it or remove it, then run subproc init again.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`init: ${file} is not a JSON object`);
  const pkg = parsed as Record<string, unknown>;
  const section = (key: string): Record<string, unknown> => {
    const value = pkg[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  const scripts = { ...section('scripts') };
  scripts.check ??= 'subproc check';
  scripts.release ??= 'subproc release';
  const dependencies = { ...section('dependencies') };
  if (section('devDependencies').subproc === undefined) dependencies.subproc ??= `^${version}`;
  return `${JSON.stringify({ ...pkg, scripts, dependencies }, null, 2)}\n`;
}

/** .gitignore keeps its lines; init appends the ones it needs that are not there yet. */
function mergedGitignore(current: string): string {
  const lines = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missing = GITIGNORE.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !lines.has(line));
  if (missing.length === 0) return current;
  return `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}# subproc\n${missing.join('\n')}\n`;
}

export async function initCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('init', args, {
    controller: { type: 'string' },
    'controller-country': { type: 'string' },
    contact: { type: 'string' },
    'notice-days': { type: 'string' },
    role: { type: 'string' },
    owner: { type: 'string' },
    'default-branch': { type: 'string' },
    force: { type: 'boolean' },
    pages: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(INIT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError('init: expected at most one DIR', 'Example: subproc init acme-privacy --controller …');
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const days = noticeDaysOption('init', values['notice-days']);
  // Asked by flag only: most publishers are one or the other plainly, and the default is every older registry's.
  const role = oneOf<PublisherRole>('init', 'role', values.role, ['controller', 'processor'], 'controller');
  const owner = values.owner ?? PLACEHOLDER_OWNER;
  if (!OWNER.test(owner))
    throw new UsageError(`init: --owner "${owner}" is not a GitHub team, user or email`, 'Example: --owner @acme/privacy');
  const branch = values['default-branch'] ?? 'main';
  if (!BRANCH.test(branch)) throw new UsageError(`init: --default-branch "${branch}" is not a branch name`);
  const answers = await completeValues(
    { controller: values.controller, 'controller-country': values['controller-country'], contact: values.contact },
    io,
  );

  const registryDir = join(dir, DEFAULT_REGISTRY_DIR);
  const settingsPath = join(registryDir, SETTINGS_FILE);
  const schemas = schemaReferences(registryDir);
  const settings: RegistrySettings = {
    title: `${answers.controller ?? ''} Subprocessors`,
    controller: { name: answers.controller ?? '', country: answers['controller-country'] ?? '', contact: answers.contact ?? '', role },
    noticePeriodDays: days,
    categories: STARTING_CATEGORIES,
  };
  const template: InitValues = { registry: DEFAULT_REGISTRY_DIR, owner, branch, pages: values.pages === true };
  const files = new Map<string, string>([
    [settingsPath, registryYaml('registry', settings, schemas.referenceFor(settingsPath, 'registry'))],
    [join(registryDir, SUBPROCESSORS_DIR, EMPTY_FOLDER_PLACEHOLDER), ''],
    [join(dir, '.github/workflows/subproc-review.yml'), reviewWorkflow(template)],
    [join(dir, '.github/workflows/subproc-comment.yml'), commentWorkflow(template)],
    [join(dir, '.github/workflows/subproc-release.yml'), releaseWorkflow(template)],
    [join(dir, 'CODEOWNERS'), codeowners(template)],
    [join(dir, '.github/pull_request_template.md'), pullRequestTemplate(template)],
    [join(dir, '.github/ISSUE_TEMPLATE/request-subprocessor.yml'), requestForm(template)],
    [join(dir, '.github/ISSUE_TEMPLATE/object-to-subprocessor.yml'), objectionForm(template)],
  ]);
  const show = (path: string) => toPosix(relative(io.cwd, path)) || '.';

  // Files init owns are refused when they differ; package.json and .gitignore are merged, never replaced.
  const conflicts: string[] = [];
  const toWrite: [string, string][] = [];
  for (const [path, content] of files) {
    const current = await readIfExists(path);
    if (current === content) continue;
    if (current !== undefined) conflicts.push(show(path));
    toWrite.push([path, content]);
  }
  if (conflicts.length > 0 && values.force !== true) {
    throw new UsageError(
      `init: ${conflicts.length} file(s) already exist and differ: ${conflicts.join(', ')}`,
      'Nothing was written. Review them, then run again with --force to overwrite them, or init another DIR.',
    );
  }
  const packagePath = join(dir, 'package.json');
  const currentPackage = await readIfExists(packagePath);
  const nextPackage = currentPackage === undefined ? packageJson(packageName(dir)) : mergedPackageJson(currentPackage, show(packagePath));
  if (nextPackage !== currentPackage) toWrite.push([packagePath, nextPackage]);
  const gitignorePath = join(dir, '.gitignore');
  const currentGitignore = await readIfExists(gitignorePath);
  const nextGitignore = currentGitignore === undefined ? GITIGNORE : mergedGitignore(currentGitignore);
  if (nextGitignore !== currentGitignore) toWrite.push([gitignorePath, nextGitignore]);

  for (const [path, content] of toWrite) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  const copies = await writeSchemaCopies(schemas);
  const written = [...toWrite.map(([path]) => path), ...copies];

  const country = answers['controller-country'] ?? '';
  io.stdout.write(
    `${written.length === 0 ? 'nothing to write: the repository is already set up' : `wrote ${written.length} file(s) for ${answers.controller ?? ''}, ${placeLabel(country)}, in ${show(dir) === '.' ? 'this folder' : show(dir)}:`}\n`,
  );
  for (const path of written) io.stdout.write(`  ${show(path)}${conflicts.includes(show(path)) ? ' (overwritten)' : ''}\n`);
  const inDir = show(dir) === '.' ? '' : `cd ${show(dir)} && `;
  io.stdout.write(`
Next steps:
  1. ${inDir}npm install
       installs subproc ${version}; editors then complete and check registry files (docs/adopt.md)
  2. npx subproc import LIST --out ${DEFAULT_REGISTRY_DIR} --force
       to start from your published list (CSV, or the page saved as text); or add
       ${DEFAULT_REGISTRY_DIR}/${SUBPROCESSORS_DIR}/ID.yaml files by hand, and edit the categories in ${DEFAULT_REGISTRY_DIR}/${SETTINGS_FILE}
  3. npx subproc check
  4. npx subproc keygen, then store the secret key as the repository secret SUBPROC_SIGNING_KEY
       and commit keys/minisign.pub: the release workflow signs with it
${owner === PLACEHOLDER_OWNER ? `  5. replace ${PLACEHOLDER_OWNER} in CODEOWNERS with your privacy team (or rerun with --owner @org/team --force)\n` : ''}`);
  return EXIT.ok;
}
