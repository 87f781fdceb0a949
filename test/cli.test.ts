import { afterAll, describe, expect, it } from 'vitest';
import { validateOutput } from './helpers/output-schema.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden } from './helpers/golden.js';
import { ROOT, runCli } from './helpers/run-cli.js';
import { copyOfShippedRegistry, subprocessorYaml } from './helpers/temp-registry.js';

const broken = copyOfShippedRegistry({
  'registry/subprocessors/twilio.yaml': readFileSync(join(ROOT, 'registry/subprocessors/twilio.yaml'), 'utf8')
    .replace('category: communication', 'categry: communication')
    .replace('mechanism: dpf', 'mechanism: Standard Contractual Clauses'),
  'registry/subprocessors/new-vendor.yaml': subprocessorYaml('new-vendr').replace('place: FR', 'place: France'),
});
afterAll(broken.cleanup);

describe('subproc command line', () => {
  it('prints help with no arguments and with --help, exit 0', () => {
    const bare = runCli([], ROOT);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: subproc <command>');
    expectGolden('help', runCli(['--help'], ROOT), [[/subproc \d+\.\d+\.\d+\S*/, 'subproc VERSION']]);
  });

  it('has help for each command', () => {
    expect(runCli(['validate', '--help'], ROOT).stdout).toContain('Usage: subproc validate');
    expect(runCli(['help', 'import'], ROOT).stdout).toContain('Usage: subproc import');
  });

  it('says which laws judge transfers and where the release states their coverage, naming law pages that exist', () => {
    const main = runCli(['--help'], ROOT).stdout;
    expect(main).toContain('jurisdictions: [eu-gdpr, uk-gdpr, ch-fadp]');
    const check = runCli(['check', '--help'], ROOT).stdout.replace(/\s+/g, ' ');
    for (const where of ['subprocessors.json', 'index.html', 'subprocessors.csv']) expect(check).toContain(where);
    const pages = /docs\/jurisdictions\/ \(([^)]*)\)/.exec(check)?.[1]?.split(', ') ?? [];
    expect(pages.map((page) => existsSync(join(ROOT, 'docs/jurisdictions', page)))).toEqual([true, true]);
  });

  it('suggests the command meant by a typo, exit 2', () => {
    expectGolden('unknown-command', runCli(['valdate'], ROOT));
  });

  it('suggests the option meant by a typo, exit 2', () => {
    expectGolden('unknown-option', runCli(['validate', '--formt', 'json'], ROOT));
  });

  it('says how to pass a value that starts with a dash, exit 2', () => {
    const result = runCli(['import', 'list.csv', '--notice-days', '-5'], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the value after --notice-days starts with "-"');
    expect(result.stderr).toContain('Write it as --notice-days=VALUE.');
  });

  it.each([
    ['check', '--format'],
    ['validate', '--format'],
    ['diff', 'a.json', 'b.json', '--format'],
  ])('says --format needs a value when it is the last argument (%s), exit 2', (...args) => {
    const result = runCli(args, ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `subproc: ${args[0]}: --format needs a value, and none was given\n  Write --format VALUE (or --format=VALUE). See: subproc ${args[0]} --help\n`,
    );
  });

  it('refuses an unknown format, exit 2', () => {
    const result = runCli(['validate', '--format', 'jsn'], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean --format json?');
  });

  it('a missing registry folder is an environment error, exit 2', () => {
    expectGolden('missing-registry', runCli(['validate', 'no-such-folder'], ROOT));
  });

  it('validates the shipped registry: exit 0', () => {
    expectGolden('validate-shipped', runCli(['validate'], ROOT));
  });

  it('reports a broken registry grouped by file with file:line:column, exit 1', () => {
    expectGolden('validate-broken', runCli(['validate'], broken.dir));
  });

  it('prints JSON that matches schemas/output.schema.json', () => {
    const result = runCli(['validate', '--format', 'json'], broken.dir);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { summary: object };
    validateOutput(output);
    expect(validateOutput.errors ?? []).toEqual([]);
    expect(output.summary).toEqual({ files: 26, subprocessors: 23, errors: 4, warnings: 0, infos: 0, waived: 0 });
    expectGolden('validate-broken-json', result, [[/"version": "[^"]+"/, '"version": "VERSION"']]);
  });

  it('colours only when asked or on a terminal', () => {
    expect(runCli(['validate'], broken.dir).stdout).not.toContain('\u001b[');
    expect(runCli(['validate'], broken.dir, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain('\u001b[31merror');
  });
});
