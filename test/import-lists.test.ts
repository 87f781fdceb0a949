import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from './helpers/run-cli.js';
import { tempDir, writeTree } from './helpers/temp-registry.js';

const FIXTURE = join(ROOT, 'test/fixtures/import/processor-list.csv');
const CONTROLLER = ['--controller', 'Acme SAS', '--controller-country', 'FR'];

/** Every file under `dir` with its content: what a dry run must leave exactly as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A list as a processor publishes it: no Category column, sections as heading rows, its own column names. */
const LIST = [
  'Acme Cloud sub-processors',
  'Company,Nature of processing,Data location,Legal basis for transfer,Website',
  'Hosting,,,,',
  'Nimbus Cloud Services Ltd.,Hosting of the platform,Allemagne,No international transfer,https://nimbus.example',
  'Stratus Backup GmbH,Encrypted backups,"Deutschland, Frankreich",No international transfer,',
  'Customer support,,,,',
  'Helpdeskly B.V.,Support tickets,Pays-Bas et Belgique,No international transfer,',
  'Postwise Inc.,Support emails,États-Unis,Data Privacy Framework,',
  'Callbridge Ltd.,Telephone support,Vereinigtes Königreich,Adequacy decision,',
  '',
].join('\n');

describe('subproc import of a list laid out differently from the seed page', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);
  writeTree(temp.dir, { 'list.csv': LIST });
  const run = runCli(['import', 'list.csv', '--out', 'registry', ...CONTROLLER], temp.dir);

  it('imports every vendor under its heading, with ISO codes for French and German place names', () => {
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('imported 5 subprocessors into registry/subprocessors: 6 file(s) written, 0 unchanged');
    // The Website column is named, not silently dropped.
    expect(run.stdout).toContain('the column "Website" is not read');
    const read = (id: string) => parse(readFileSync(join(temp.dir, 'registry/subprocessors', `${id}.yaml`), 'utf8')) as object;
    expect(read('stratus-backup-gmbh')).toMatchObject({
      category: 'hosting',
      tasks: ['Encrypted backups'],
      locations: [
        { place: 'DE', mechanism: 'none' },
        { place: 'FR', mechanism: 'none' },
      ],
    });
    expect(read('helpdeskly-b-v')).toMatchObject({ category: 'customer-support', locations: [{ place: 'NL' }, { place: 'BE' }] });
    expect(read('postwise-inc')).toMatchObject({ locations: [{ place: 'US', mechanism: 'dpf' }] });
    expect(read('callbridge-ltd')).toMatchObject({ locations: [{ place: 'GB', mechanism: 'adequacy' }] });
    const settings = parse(readFileSync(join(temp.dir, 'registry/registry.yaml'), 'utf8')) as object;
    expect(settings).toMatchObject({
      title: 'Acme Cloud sub-processors',
      categories: [
        { id: 'hosting', title: 'Hosting' },
        { id: 'customer-support', title: 'Customer support' },
      ],
    });
  });

  it('validates and passes check', () => {
    const validate = runCli(['validate'], temp.dir);
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain('✔ no problems: 5 subprocessors valid, 6 files read in registry');
    const check = runCli(['check'], temp.dir);
    expect(check.code, check.stdout).toBe(0);
  });
});

describe('the processor-list fixture (the adoption test imports it)', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);
  const out = join(temp.dir, 'registry');

  it('imports, then check in that folder finds nothing', () => {
    const run = runCli(['import', FIXTURE, '--out', out, ...CONTROLLER], temp.dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('imported 8 subprocessors');
    const check = runCli(['check'], temp.dir);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('8 subprocessors valid');
    const stratus = parse(readFileSync(join(out, 'subprocessors/stratus-backup-gmbh.yaml'), 'utf8')) as object;
    expect(stratus).toMatchObject({ category: 'infrastructure', locations: [{ place: 'DE' }] });
  });
});

describe('subproc import refusals', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);

  it('names the line and column of a place it cannot read in another language, and writes nothing', () => {
    writeTree(temp.dir, { 'bad.csv': LIST.replace('Pays-Bas et Belgique', 'Pays-Bas et Atlantide').replace('États-Unis', 'Etats-Unnis') });
    const run = runCli(['import', 'bad.csv', '--out', 'registry', ...CONTROLLER], temp.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('7:45  error  cannot map the place "Atlantide" to a country or region code  import');
    expect(run.stdout).toContain('at bad.csv:7:45');
    expect(run.stdout).toContain(
      '8:30  error  cannot map the place "Etats-Unnis" to a country or region code; did you mean "États-Unis" (US)?',
    );
    expect(run.stdout).toContain('nothing written: fix the 2 problems above in bad.csv');
    expect(existsSync(join(temp.dir, 'registry'))).toBe(false);
  });

  it('says in a notice which category a list without sections goes into', () => {
    writeTree(temp.dir, { 'flat.csv': 'Vendor,Country,Safeguard,Purpose\nNimbus,Irlande,No international transfer,Hosting\n' });
    const run = runCli(['import', 'flat.csv', '--out', 'flat', ...CONTROLLER], temp.dir);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('every subprocessor goes in "Subprocessors" (id subprocessors)');
    expect(run.stdout).toContain('fix: Pass --category NAME to name it');
    expect(readFileSync(join(temp.dir, 'flat/subprocessors/nimbus.yaml'), 'utf8')).toContain('category: subprocessors');
  });

  it('refuses a --category without a letter or digit as a usage error', () => {
    const run = runCli(['import', 'flat.csv', '--out', 'flat2', '--category=--', ...CONTROLLER], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--category needs a name with letters or digits');
  });
});

describe('subproc import --dry-run', () => {
  const temp = tempDir();
  afterAll(temp.cleanup);
  writeTree(temp.dir, { 'list.csv': LIST, 'registry/subprocessors/kept.yaml': 'id: kept\n' });

  it('prints each file it would write with its YAML and writes nothing', () => {
    const before = snapshot(temp.dir);
    const run = runCli(['import', 'list.csv', '--out', 'registry', '--dry-run', ...CONTROLLER], temp.dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(snapshot(temp.dir)).toEqual(before);
    expect(run.stdout).toContain('--- registry/registry.yaml (new)\n# yaml-language-server: $schema=');
    expect(run.stdout).toContain('--- registry/subprocessors/postwise-inc.yaml (new)\n');
    expect(run.stdout).toContain('id: postwise-inc\nname: Postwise Inc.\ncategory: customer-support\n');
    expect(run.stdout).toContain(
      'dry run: would import 5 subprocessors into registry/subprocessors: 6 file(s) to write, 0 unchanged; nothing written',
    );
    expect(run.stdout).toContain('would keep 1 file(s) that the import does not mention: kept.yaml');
  });

  it('exits as the import would: 1 on a refused list, 2 on files it would overwrite', () => {
    writeTree(temp.dir, { 'bad.csv': LIST.replace('Allemagne', 'Allemange') });
    const before = snapshot(temp.dir);
    expect(runCli(['import', 'bad.csv', '--out', 'registry', '--dry-run', ...CONTROLLER], temp.dir).code).toBe(1);
    writeTree(temp.dir, { 'registry/subprocessors/postwise-inc.yaml': 'id: postwise-inc\n' });
    const conflicted = snapshot(temp.dir);
    const run = runCli(['import', 'list.csv', '--out', 'registry', '--dry-run', ...CONTROLLER], temp.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('existing file(s) differ from the import: registry/subprocessors/postwise-inc.yaml');
    expect(snapshot(temp.dir)).toEqual(conflicted);
    expect(Object.keys(conflicted).length).toBe(Object.keys(before).length + 1);
  });
});

describe('subproc import into a registry that init (or a person) set up', () => {
  const temp = tempDir();
  afterAll(() => {
    temp.cleanup();
  });

  it("keeps registry.yaml's notice period and other settings, and the categories of files it does not replace", () => {
    const dir = join(temp.dir, 'kept');
    writeTree(dir, {
      'registry/registry.yaml': [
        'title: Acme Subprocessors',
        'controller:',
        '  name: Acme SAS',
        '  country: FR',
        '  contact: privacy@acme.example',
        'noticePeriodDays: 45',
        'maxWaiverDays: 90',
        'categories:',
        '  - id: payments',
        '    title: Payments',
        '  - id: unused',
        '    title: Unused',
        '',
      ].join('\n'),
      'registry/subprocessors/paycorp.yaml': [
        'id: paycorp',
        'name: PayCorp',
        'category: payments',
        'tasks:',
        '  - Payments',
        'locations:',
        '  - place: FR',
        '    mechanism: none',
        'status: active',
        '',
      ].join('\n'),
      'list.csv': LIST,
    });
    const result = runCli(['import', 'list.csv', '--out', 'registry', '--force'], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const settings = parse(readFileSync(join(dir, 'registry/registry.yaml'), 'utf8')) as Record<string, unknown>;
    expect(settings).toMatchObject({ noticePeriodDays: 45, maxWaiverDays: 90, controller: { contact: 'privacy@acme.example' } });
    const ids = (settings.categories as { id: string }[]).map((c) => c.id);
    expect(ids).toContain('payments');
    expect(ids).not.toContain('unused');
    expect(runCli(['validate', 'registry'], dir).code).toBe(0);

    // A renamed controller keeps its contact; --contact replaces it, and a contact the schema refuses is a usage error.
    const renamed = runCli(
      ['import', 'list.csv', '--out', 'registry', '--force', '--controller', 'Acme SA', '--controller-country', 'FR'],
      dir,
    );
    expect(renamed.code, renamed.stdout + renamed.stderr).toBe(0);
    const after = () => (parse(readFileSync(join(dir, 'registry/registry.yaml'), 'utf8')) as { controller: unknown }).controller;
    expect(after()).toEqual({ name: 'Acme SA', country: 'FR', contact: 'privacy@acme.example' });
    expect(runCli(['import', 'list.csv', '--out', 'registry', '--force', '--contact', 'https://acme.example/object'], dir).code).toBe(0);
    expect(after()).toEqual({ name: 'Acme SA', country: 'FR', contact: 'https://acme.example/object' });
    const refused = runCli(['import', 'list.csv', '--out', 'registry', '--force', '--contact', 'write to us'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--contact "write to us": give an email address or a web address');
  });

  it('refuses to build on a registry.yaml that does not validate, and writes nothing', () => {
    const dir = join(temp.dir, 'broken');
    writeTree(dir, { 'registry/registry.yaml': 'controller:\n  name: 5\n  country: fr\n', 'list.csv': LIST });
    const result = runCli(['import', 'list.csv', '--out', 'registry', '--force'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('registry/registry.yaml exists but is not valid');
    expect(existsSync(join(dir, 'registry/subprocessors'))).toBe(false);
  });

  it('refuses, located and before writing anything, rows that would make files the loader rejects', () => {
    const dir = join(temp.dir, 'long');
    const name = 'A'.repeat(400);
    writeTree(dir, {
      'list.csv': `Sub-processor,Purpose,Location,Transfer safeguard\nInfra,,,\n${name},Hosting,Germany,No international transfer\n`,
    });
    const result = runCli(['import', 'list.csv', '--out', 'registry', ...CONTROLLER], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('list.csv:3:1');
    expect(existsSync(join(dir, 'registry'))).toBe(false);
  });
});
