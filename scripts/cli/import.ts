import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { RegistrySettings } from '../generated/registry.js';
import { paletteFor } from '../format/colour.js';
import { formatFindings } from '../format/stylish.js';
import { importPage, type ImportFormat } from '../importer/import-page.js';
import { slugify } from '../importer/row.js';
import { DEFAULT_REGISTRY_DIR, EMPTY_FOLDER_PLACEHOLDER, SETTINGS_FILE, SUBPROCESSORS_DIR, toPosix } from '../registry/layout.js';
import { parseRegistryYaml } from '../registry/parse-yaml.js';
import { validatorFor } from '../registry/schemas.js';
import { schemaReferences, writeSchemaCopies } from '../registry/schema-ref.js';
import { registryYaml } from '../registry/write-yaml.js';
import { contactOption, noticeDaysOption, oneOf, parseCommandArgs } from './args.js';
import { IMPORT_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readdirIfExists(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The registry.yaml already there, if any. It is the user's: an import must not silently change its notice period,
 * waivers or policy settings, so one that does not validate stops the import rather than being half-read.
 */
async function existingSettings(settingsPath: string, cwd: string): Promise<RegistrySettings | undefined> {
  const text = await readIfExists(settingsPath);
  if (text === undefined) return undefined;
  const parsed = parseRegistryYaml(settingsPath, Buffer.from(text));
  const validate = validatorFor('registry');
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !validate(parsed.value)) {
    const shown = toPosix(relative(cwd, settingsPath));
    throw new UsageError(
      `import: ${shown} exists but is not valid, so the import cannot keep its settings`,
      `Run "subproc validate ${toPosix(relative(cwd, dirname(settingsPath))) || '.'}" and fix it, or import into another --out folder.`,
    );
  }
  return parsed.value as RegistrySettings;
}

/** The categories of subprocessor files the import leaves in place: they must stay defined, or those files break. */
async function categoriesInUse(subDir: string, replaced: ReadonlySet<string>): Promise<Set<string>> {
  const used = new Set<string>();
  for (const name of await readdirIfExists(subDir)) {
    if (replaced.has(name) || !name.endsWith('.yaml')) continue;
    const text = await readIfExists(join(subDir, name));
    const value =
      text === undefined
        ? undefined
        : (parseRegistryYaml(join(subDir, name), Buffer.from(text)).value as { category?: unknown } | undefined);
    if (typeof value?.category === 'string') used.add(value.category);
  }
  return used;
}

/**
 * registry.yaml after the import: the list's sections (and its title and introduction, when it has them) over what
 * was there. Every other setting stays as the user wrote it; the notice period changes only on --notice-days.
 * Existing categories stay when a file the import does not replace uses them.
 */
function mergedSettings(
  imported: RegistrySettings,
  existing: RegistrySettings | undefined,
  inUse: ReadonlySet<string>,
  noticeGiven: boolean,
): RegistrySettings {
  if (!existing) return imported;
  const sections = new Set(imported.categories.map((c) => c.id));
  const kept = existing.categories.filter((c) => inUse.has(c.id) && !sections.has(c.id));
  return {
    ...existing,
    ...(imported.title !== undefined ? { title: imported.title } : {}),
    ...(imported.introduction !== undefined ? { introduction: imported.introduction } : {}),
    controller: { ...existing.controller, ...imported.controller },
    noticePeriodDays: noticeGiven ? imported.noticePeriodDays : existing.noticePeriodDays,
    categories: [...imported.categories, ...kept] as RegistrySettings['categories'],
  };
}

export async function importCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('import', args, {
    out: { type: 'string' },
    format: { type: 'string' },
    controller: { type: 'string' },
    'controller-country': { type: 'string' },
    contact: { type: 'string' },
    'notice-days': { type: 'string' },
    category: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  const [input, ...extra] = positionals;
  if (!input || extra.length > 0)
    throw new UsageError('import: expected exactly one FILE to import', 'Example: subproc import subprocessors.txt --out registry');
  const format = oneOf<ImportFormat>('import', 'format', values.format, ['text', 'csv', 'tsv'], formatOf(input));
  const category = values.category;
  if (category !== undefined && !slugify(category)) {
    throw new UsageError(
      `import: --category needs a name with letters or digits, not "${category}"`,
      'Example: --category "Infrastructure"',
    );
  }
  const inputPath = resolve(io.cwd, input);
  const text = await readIfExists(inputPath);
  if (text === undefined) throw new UsageError(`import: ${input} does not exist`);
  const outDir = resolve(io.cwd, values.out ?? DEFAULT_REGISTRY_DIR);
  const settingsPath = join(outDir, SETTINGS_FILE);

  const existing = await existingSettings(settingsPath, io.cwd);
  let controller: RegistrySettings['controller'] | undefined;
  if (values.controller !== undefined || values['controller-country'] !== undefined) {
    const country = values['controller-country'];
    if (!values.controller || !country || !/^[A-Z]{2}$/.test(country)) {
      throw new UsageError('import: give both --controller NAME and --controller-country CC (an ISO code in capitals, like FR)');
    }
    // A new name or country keeps what else registry.yaml says of the controller (its contact, its role).
    controller = { ...existing?.controller, name: values.controller, country };
  } else {
    controller = existing?.controller;
    if (!controller) {
      throw new UsageError(
        `import: who publishes this list? ${toPosix(relative(io.cwd, settingsPath))} does not name a controller`,
        'Pass --controller NAME --controller-country CC, for example: --controller Withings --controller-country FR',
      );
    }
  }

  const contact = contactOption('import', values.contact);
  if (contact !== undefined) controller = { ...controller, contact };

  const display = toPosix(relative(io.cwd, inputPath));
  const result = importPage(display, text, {
    format,
    controller,
    noticePeriodDays: noticeDaysOption('import', values['notice-days']),
    ...(category !== undefined ? { category } : {}),
  });
  const colour = paletteFor(io.stdout, io.env);
  if (result.diagnostics.length > 0) {
    const diagnostics = sortDiagnostics(result.diagnostics);
    // The notices too: the refusal and what the import decided on its own, in the order of the file.
    io.stdout.write(formatFindings(sortDiagnostics([...result.notices, ...result.diagnostics]), colour));
    io.stdout.write(
      `nothing written: fix the ${diagnostics.length === 1 ? 'problem' : `${diagnostics.length} problems`} above in ${display} and run the import again\n`,
    );
    return EXIT.findings;
  }

  // What the import decided on its own (a default category, a column it does not read), before what it writes.
  if (result.notices.length > 0) io.stdout.write(formatFindings(sortDiagnostics(result.notices), colour));
  const files = new Map<string, string>();
  const schemas = schemaReferences(outDir);
  const subDir = join(outDir, SUBPROCESSORS_DIR);
  const replaced = new Set(result.subprocessors.map(({ value }) => `${value.id}.yaml`));
  const { settings: imported } = result;
  // importPage returns settings with the controller whenever it reports no problem; the controller is ours.
  if (!imported) throw new Error('import: the importer reported no problem and no settings');
  const settings = mergedSettings(
    { ...imported, controller },
    existing,
    await categoriesInUse(subDir, replaced),
    values['notice-days'] !== undefined,
  );
  files.set(settingsPath, registryYaml('registry', settings, schemas.referenceFor(settingsPath, 'registry')));
  for (const { value } of result.subprocessors) {
    const file = join(subDir, `${value.id}.yaml`);
    files.set(file, registryYaml('subprocessor', value, schemas.referenceFor(file, 'subprocessor')));
  }
  const dryRun = values['dry-run'] === true;
  const code = await writeFiles(files, { force: values.force === true, dryRun }, subDir, io);
  // The copies the $schema lines point at, when the package lies outside the repository; a dry run writes nothing.
  if (!dryRun && code === EXIT.ok) await writeSchemaCopies(schemas);
  return code;
}

function formatOf(input: string): ImportFormat {
  const extension = extname(input).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.tsv' || extension === '.tab') return 'tsv';
  return 'text';
}

async function writeFiles(
  files: Map<string, string>,
  { force, dryRun }: { force: boolean; dryRun: boolean },
  subDir: string,
  io: Io,
): Promise<ExitCode> {
  const show = (path: string) => toPosix(relative(io.cwd, path));
  const conflicts: string[] = [];
  let unchanged = 0;
  const toWrite: [string, string, 'new' | 'changed'][] = [];
  for (const [path, content] of files) {
    const current = await readIfExists(path);
    if (current === content) unchanged++;
    else {
      if (current !== undefined && !force) conflicts.push(show(path));
      toWrite.push([path, content, current === undefined ? 'new' : 'changed']);
    }
  }
  if (conflicts.length > 0) {
    throw new UsageError(
      `import: ${conflicts.length} existing file(s) differ from the import: ${conflicts.slice(0, 5).join(', ')}${conflicts.length > 5 ? ', …' : ''}`,
      'Nothing was written. Review them with git, then run again with --force to overwrite, or import into an empty --out folder.',
    );
  }
  const imported = new Set([...files.keys()].map((p) => p.slice(subDir.length + 1)));
  const count = files.size - 1;
  const subprocessors = `${count} subprocessor${count === 1 ? '' : 's'}`;
  if (dryRun) {
    // The files as they would be written, each under a line naming it, then the summary: the YAML can be read, or
    // piped, and the summary says the same as a real run would.
    for (const [path, content, state] of toWrite) io.stdout.write(`--- ${show(path)} (${state})\n${content}`);
    io.stdout.write(
      `dry run: would import ${subprocessors} into ${show(subDir)}: ${toWrite.length} file(s) to write, ${unchanged} unchanged; nothing written\n`,
    );
    const others = (await readdirIfExists(subDir)).filter((name) => !imported.has(name) && name !== EMPTY_FOLDER_PLACEHOLDER);
    if (others.length > 0) io.stdout.write(`would keep ${others.length} file(s) that the import does not mention: ${others.join(', ')}\n`);
    return EXIT.ok;
  }
  await mkdir(subDir, { recursive: true });
  for (const [path, content] of toWrite) await writeFile(path, content);
  const others = (await readdir(subDir)).filter((name) => !imported.has(name) && name !== EMPTY_FOLDER_PLACEHOLDER);
  io.stdout.write(`imported ${subprocessors} into ${show(subDir)}: ${toWrite.length} file(s) written, ${unchanged} unchanged\n`);
  if (others.length > 0) {
    io.stdout.write(
      `kept ${others.length} file(s) that the import does not mention (retire them rather than delete them): ${others.join(', ')}\n`,
    );
  }
  return EXIT.ok;
}
