import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaReferences } from '../scripts/registry/schema-ref.js';
import { registryYaml } from '../scripts/registry/write-yaml.js';
import { adopterRepository } from './helpers/adopter.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-registry.js';
import { documentationOf, YamlLanguageServer, type CompletionItem, type Diagnostic } from './helpers/yaml-language-server.js';

/*
 * The editor as a first reviewer, tested as an editor sees it: the real yaml-language-server over stdio opens files
 * of a repository set up by `subproc init`, follows their $schema line to the schema on disk (schema store off, no
 * network), and reports and completes from it.
 */

const FLAGS = ['--controller', 'Acme SAS', '--controller-country', 'FR', '--contact', 'privacy@acme.example'];
/** What a raw JSON Schema message would show: a regular expression, or the generic words of an unworded keyword. */
const RAW = /[\^$]|\[A-Z|\\s|does not match the pattern|Matches a schema that is not allowed|RFC3339/;

const temp = tempDir('subproc-lsp-');
const adopter = join(temp.dir, 'adopter');
const copies = join(temp.dir, 'copies');
let server: YamlLanguageServer;

/** A subprocessor file in the adopter's repository, with the $schema line import would write there. */
function entryFile(name: string, installed: string): { file: string; header: string } {
  const file = join(adopter, 'registry/subprocessors', `${name}.yaml`);
  const reference = schemaReferences(join(adopter, 'registry'), { packageRoot: installed }).referenceFor(file, 'subprocessor');
  const text = registryYaml(
    'subprocessor',
    { id: name, name: 'Acme', category: 'hosting', tasks: ['Hosting'], locations: [{ place: 'DE', mechanism: 'none' }], status: 'active' },
    reference,
  );
  writeFileSync(file, text);
  return { file, header: text.split('\n')[0] ?? '' };
}

let header = '';

beforeAll(async () => {
  const { installed, bin } = adopterRepository(adopter);
  const init = spawnSync(process.execPath, [bin, 'init', ...FLAGS, '--force'], { cwd: adopter, encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  header = entryFile('acme', installed).header;
  expect(header).toBe('# yaml-language-server: $schema=../../node_modules/subproc/schemas/editor/subprocessor.schema.json');
  mkdirSync(copies);
  expect(runCli(['init', copies, ...FLAGS], temp.dir).code).toBe(0);
  server = new YamlLanguageServer(temp.dir);
  await server.start();
}, 30_000);

afterAll(async () => {
  await server.stop();
  temp.cleanup();
});

function messages(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe('yaml-language-server in an adopter repository set up by subproc init', () => {
  it('loads the schema from node_modules/subproc offline: a valid file has no diagnostic', async () => {
    const diagnostics = await server.open(join(adopter, 'registry/subprocessors/acme.yaml'));
    expect(messages(diagnostics)).toEqual([]);
    expect(server.errors).not.toMatch(/Unable to load schema/);
  });

  it('words a wrong place, an invalidated mechanism, a bad id and a bad date for a contributor, with no regular expression', async () => {
    const text = [
      header,
      'id: Acme Corp',
      'name: Acme',
      'category: hosting',
      'tasks:',
      '  - Hosting',
      'locations:',
      '  - place: XX',
      '    mechanism: privacy-shield',
      '    since: 1 March 2026',
      'status: active',
      '',
    ].join('\n');
    const found = messages(await server.open(join(adopter, 'registry/subprocessors/bad.yaml'), text));
    expect(found).toEqual([
      expect.stringMatching(/^2: Write an id in lower case: letters, digits and single hyphens/),
      expect.stringMatching(/^8: Not a place code\. Write an ISO 3166-1 country code in capitals \(DE for Germany/),
      expect.stringMatching(
        /^9: Not a transfer mechanism\. Write one of: none, adequacy, dpf, scc.*privacy-shield \(EU-US Privacy Shield\) was invalidated on 2020-07-16/,
      ),
      expect.stringMatching(/^10: Write the date as YYYY-MM-DD, for example 2026-03-01\.$/),
    ]);
    for (const message of found) expect(message).not.toMatch(RAW);
  });

  it('says what a retired block needs, in words', async () => {
    const text = [
      header,
      'id: acme',
      'name: Acme',
      'category: hosting',
      'tasks: [Hosting]',
      'locations:',
      '  - place: FR',
      'status: retired',
      '',
    ].join('\n');
    const found = messages(await server.open(join(adopter, 'registry/subprocessors/retired.yaml'), text));
    expect(found).toEqual([expect.stringContaining('A retired vendor needs a retired: block with on (the date it stopped) and reason.')]);
  });

  it('words mechanism beside mechanisms, and none in a list of mechanisms', async () => {
    const text = [
      header,
      'id: acme',
      'name: Acme',
      'category: hosting',
      'tasks: [Hosting]',
      'locations:',
      '  - place: US',
      '    mechanism: scc',
      '    mechanisms: [dpf, scc]',
      '  - place: IN',
      '    mechanisms: [none, scc]',
      'status: active',
      '',
    ].join('\n');
    const found = messages(await server.open(join(adopter, 'registry/subprocessors/lists.yaml'), text));
    expect(found).toEqual([
      expect.stringMatching(/^8: Write mechanism \(one\) or mechanisms \(several, in the order of preference\), not both/),
      expect.stringMatching(
        /^11: Not a transfer mechanism to list\. Write one of: adequacy, dpf, scc.*none \(no international transfer\) cannot be listed/,
      ),
    ]);
    for (const message of found) expect(message).not.toMatch(RAW);
  });

  describe('completion', () => {
    const file = join(adopter, 'registry/subprocessors/draft.yaml');
    // Without the $schema line, which beforeAll learns: completion positions count it.
    const lines = [
      'id: draft',
      'name: Draft',
      'category: hosting',
      'tasks: [Hosting]',
      'locations:',
      '  - place: ',
      '    mechanism: ',
      'status: active',
      '',
    ];
    let opened: Promise<unknown> | undefined;
    const complete = async (line: number): Promise<CompletionItem[]> => {
      opened ??= server.open(file, [header, ...lines].join('\n'));
      await opened;
      return server.complete(file, line + 1, (lines[line] ?? '').length);
    };

    it('offers every country and region as a place, each with its name', async () => {
      const items = await complete(5);
      const byLabel = new Map(items.map((item) => [item.label, documentationOf(item)]));
      expect(byLabel.get('DE')).toContain('Germany');
      expect(byLabel.get('GB')).toContain('United Kingdom');
      expect(byLabel.get('EEA')).toContain('European Economic Area');
      expect(byLabel.get('WORLD')).toContain('anywhere in the world');
      expect(byLabel.has('UK')).toBe(false);
      expect(items.length).toBeGreaterThan(250);
    });

    it('offers the mechanisms in words, and not Privacy Shield or Safe Harbor', async () => {
      const items = await complete(6);
      const labels = items.map((item) => item.label);
      expect(labels).toEqual(expect.arrayContaining(['none', 'adequacy', 'dpf', 'scc', 'bcr', 'derogation']));
      expect(labels).not.toContain('privacy-shield');
      expect(labels).not.toContain('safe-harbor');
      const scc = items.find((item) => item.label === 'scc');
      expect(scc && documentationOf(scc)).toContain('Standard Contractual Clauses, EU GDPR Art. 46(2)(c)');
    });
  });

  it('checks registry.yaml through the copies beside the registry when the package is not installed', async () => {
    const file = join(copies, 'registry/registry.yaml');
    const text = readFileSync(file, 'utf8').replace('country: FR', 'country: XX');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./.schemas/registry.schema.json');
    const found = messages(await server.open(file, text));
    expect(found).toEqual([
      expect.stringMatching(/Not a country code\. Write the ISO 3166-1 code of the country, in capitals: FR for France/),
    ]);
  });
});
