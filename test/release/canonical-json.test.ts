import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalizeImport from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { directorySource } from '../../scripts/registry/dir-source.js';
import { loadRegistry } from '../../scripts/registry/load.js';
import { canonicalJson } from '../../scripts/release/canonical-json.js';
import { buildReleaseDocument } from '../../scripts/release/release-doc.js';
import { ROOT } from '../helpers/run-cli.js';
import { RELEASED_AT } from './fixtures.js';

// canonicalize is CommonJS (`module.exports = serialize`) but its typings declare an ES default export: under
// NodeNext, TypeScript types the default import as the module object, while Node and Vitest hand over the function.
const canonicalize = canonicalizeImport as unknown as (input: unknown) => string | undefined;

const registry = await loadRegistry(directorySource('registry', ROOT));
if (!registry.settings) throw new Error('the shipped registry has no settings');
const releaseDoc = buildReleaseDocument({
  settings: registry.settings.value,
  subprocessors: registry.subprocessors.map((s) => s.value),
  version: '1.4.2',
  releasedAt: new Date(RELEASED_AT),
  commit: '0123456789abcdef0123456789abcdef01234567',
  repository: 'example/registry',
});

/** The same data with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  return value;
}

const TRICKY: [string, unknown][] = [
  ['nested objects with keys out of order', { b: { d: 1, c: { z: [], y: {} } }, a: [{ z: 1, y: 2 }, { x: 0 }] }],
  ['integer-like keys (JavaScript enumerates them numerically first)', { '10': 'ten', '2': 'two', '1': 'one', b: 0, '': 'empty' }],
  ['upper case sorts before lower case', { b: 1, B: 2, a: 3, A: 4, _: 5 }],
  ['accented keys (no locale collation)', { sin: 1, pêche: 2, péché: 3, peach: 4 }],
  [
    'unicode keys: BMP, control, astral',
    { '\u20ac': 'euro', '1': 'one', '\u0080': 'control', '\u{1F602}': 'smiley', ö: 'o', '\uFB33': 'dalet', '</script>': 'x' },
  ],
  ['surrogate pair vs private-use key (code units and code points disagree)', { '\uE000': 'private use', '\u{1F600}': 'grinning' }],
  ['surrogate pairs among themselves', { '\u{1F601}': 1, '\u{10000}': 2, '\u{1F600}': 3, '\u{10FFFF}': 4 }],
  ['a key that is a prefix of another', { abc: 1, ab: 2, 'ab\u0000': 3, a: 4 }],
  [
    'escapes in strings',
    { s: 'quote " backslash \\ slash / tab \t newline \n return \r bell \u0007 nul \u0000 unit sep \u001f del \u007f' },
  ],
  ['line and paragraph separators stay raw', ['\u2028', '\u2029']],
  ['a lone surrogate in a string', ['\uD800', 'a\uDC00b']],
  ['escapes in keys', { 'a"b': 1, 'a\\b': 2, 'a\nb': 3 }],
  ['numbers: exponent thresholds', [1e21, 1e20, 1e-6, 1e-7, 123456789012345680000, 1e308, 5e-324, Number.MIN_VALUE]],
  ['numbers: negative zero', [-0, { z: -0 }]],
  ['numbers: binary fractions', [0.1, 0.2, 0.1 + 0.2, 4.5, 0.002, Number('333333333.33333329'), -1.5e-10]],
  ['numbers: large integers', [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 2 ** 64, 1e30]],
  ['empty containers', { a: {}, b: [], c: [[]], d: [{}], e: '' }],
  ['an empty object at the top', {}],
  ['an empty array at the top', []],
  ['literals', [null, true, false, 0, '']],
  ['a top-level string', 'subprocessors \u00e9'],
  ['undefined properties are left out', { a: undefined, b: 1, c: { d: undefined } }],
  ['undefined array items become null', [undefined, 1]],
  ['a __proto__ key parsed from JSON', JSON.parse('{"__proto__":{"x":1},"a":0}') as unknown],
];

describe('canonicalJson', () => {
  it('the reference implementation is the function, not the module object', () => {
    expect(typeof canonicalize).toBe('function');
  });

  it.each(TRICKY)('%s: same bytes as the canonicalize package', (_name, value) => {
    const ours = canonicalJson(value);
    expect(ours).toBe(canonicalize(value));
    expect(canonicalJson(reversedKeys(value))).toBe(ours);
  });

  it('orders keys by UTF-16 code units, not code points', () => {
    // U+1F600 is D83D DE00 in UTF-16: before U+E000 by code unit, after it by code point.
    expect(canonicalJson({ '\uE000': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\uE000":1}');
    expect(canonicalJson({ '\uFB33': 1, '\u{1F602}': 2, '\u20ac': 3 })).toBe('{"\u20ac":3,"\u{1F602}":2,"\uFB33":1}');
  });

  it.each([
    ['1e21', 1e21, '1e+21'],
    ['1e-7', 1e-7, '1e-7'],
    ['-0', -0, '0'],
    ['0.1', 0.1, '0.1'],
    ['2^53 + 2', 2 ** 53 + 2, '9007199254740994'],
    ['333333333.33333329', Number('333333333.33333329'), '333333333.3333333'],
  ])('writes the number %s as ECMAScript does', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  const vectors = join(ROOT, 'node_modules/canonicalize/test/testdata');
  it.each(readdirSync(join(vectors, 'input')).sort())('RFC 8785 test vector %s', (name) => {
    const input = JSON.parse(readFileSync(join(vectors, 'input', name), 'utf8')) as unknown;
    expect(canonicalJson(input)).toBe(readFileSync(join(vectors, 'output', name), 'utf8').trimEnd());
  });

  it('writes a real release document exactly as canonicalize does, whatever the key order', () => {
    const ours = canonicalJson(releaseDoc);
    expect(ours).toBe(canonicalize(releaseDoc));
    expect(canonicalJson(reversedKeys(releaseDoc))).toBe(ours);
    expect(JSON.parse(ours)).toEqual(releaseDoc);
    // Canonical bytes are a fixed point: parsing and writing again changes nothing.
    expect(canonicalJson(JSON.parse(ours))).toBe(ours);
    expect(ours).not.toMatch(/[\n\r]|": | ,/);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['NaN in an array', [1, NaN]],
    ['Infinity deep in an object', { a: { b: [{ c: Infinity }] } }],
    ['NaN in a release document', { ...releaseDoc, noticePeriodDays: NaN }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalize(value)).toThrow();
  });
});
