import { describe, expect, it } from 'vitest';
import { loadSubprocessorFile } from '../scripts/registry/load-file.js';
import { vendorYaml } from './helpers/vendor-yaml.js';

// parse-yaml.ts skips the walk over every key and value when the text is printable ASCII and line feeds alone, with
// no escape and no explicit key. Each way a refused character can still reach the data must take the full walk.
const load = (text: string) => loadSubprocessorFile('registry/subprocessors/acme.yaml', 'acme', new TextEncoder().encode(text));
const invisible = (text: string) => load(text).diagnostics.filter((d) => d.messageId === 'invisible-character');

describe('the invisible-character check on text of plain ASCII', () => {
  const plain = vendorYaml('acme');

  it('finds nothing in a plain file, and still loads it', () => {
    expect(invisible(plain)).toEqual([]);
    expect(load(plain).loaded?.value.id).toBe('acme');
  });

  it.each([
    ['an escape in a double-quoted value', plain.replace('name: Vendor acme', 'name: "Vendor\\u200Bacme"')],
    ['a tab inside a value', plain.replace('name: Vendor acme', 'name: "Vendor\tacme"')],
    ['an explicit key spanning lines', `${plain}? |\n  one\n  two\n: value\n`],
  ])('finds %s', (_, text) => {
    expect(invisible(text).length).toBeGreaterThan(0);
  });
});
