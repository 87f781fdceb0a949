import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { JsonPath } from '../scripts/diagnostics/diagnostic.js';
import { fullLocator, parseRegistryYaml, parseRegistryYamlFully } from '../scripts/registry/parse-yaml.js';
import { parseSimpleYaml, simpleLocator } from '../scripts/registry/simple-yaml.js';
import { ROOT } from './helpers/run-cli.js';
import { seededRandom } from './helpers/random.js';

const encoder = new TextEncoder();

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(dir, name))
    .sort();
}

/**
 * The contract of the simple reader: whatever it accepts, the full parser reads without a single diagnostic and to
 * the same data, key order included. Returns whether the simple reader accepted the text.
 */
function holdsContract(text: string): boolean {
  const simple = parseSimpleYaml(text);
  if (simple === undefined) return false;
  const full = parseRegistryYamlFully('f.yaml', encoder.encode(text));
  expect(full.diagnostics, `the full parser objects to a text the simple reader accepted:\n${text}`).toEqual([]);
  // isDeepStrictEqual, not toStrictEqual: a key named `constructor` would fool vitest's check of the type.
  expect(isDeepStrictEqual(simple, full.value), `different data for:\n${text}`).toBe(true);
  expect(JSON.stringify(simple), `different key order for:\n${text}`).toBe(JSON.stringify(full.value));
  samePositions(text, simple);
  return true;
}

/** Every path in the data, each one with a missing key and an index past the end after it. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [prefix, [...prefix, 'missing'], [...prefix, 99]];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** Diagnostics point where the full parser would have pointed, keys and values alike. */
function samePositions(text: string, data: unknown): void {
  const simple = simpleLocator(text);
  expect(simple, text).toBeDefined();
  const full = fullLocator(text);
  for (const path of pathsOf(data)) {
    for (const target of ['key', 'value'] as const) {
      expect(simple?.(path, target), `${target} of ${JSON.stringify(path)} in:\n${text}`).toEqual(full(path, target));
    }
  }
}

/** What a hurried editor or a hostile contributor types: YAML's indicators, look-alike spaces, numbers, keywords. */
const INSERTS = [
  ' ',
  '  ',
  '-',
  '- ',
  ':',
  ': ',
  '#',
  ' #',
  "'",
  '"',
  "''",
  '\n',
  '\n  ',
  'a',
  'Z',
  '0',
  '1',
  '.',
  '~',
  '!',
  '&',
  '*',
  '%',
  '?',
  '|',
  '>',
  '@',
  '`',
  ',',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'é',
  '€',
  'key: ',
  'x:',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '-0',
  '+1',
  '.inf',
  '.NaN',
  'null',
  'NULL',
  'Null',
  'true',
  'False',
  'no',
  'yes',
  '2025-01-01',
  '<<',
  '__proto__',
  '---',
  '...',
  '\n---\n',
  '[',
  '{',
  '\t',
  '\\',
  'constructor',
  '12345678901234567890',
  // Value-level: invisible characters written as they are, and the escapes that write them.
  '\u202e',
  '\u200b',
  '\u2066',
  '\u00ad',
  '\u{e0041}',
  '\\e',
  '\\0',
  '\\N',
  '\\uD800',
  '\\u202E',
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  let out = text;
  const times = 1 + Math.floor(next() * 3);
  for (let m = 0; m < times; m++) {
    const at = Math.floor(next() * (out.length + 1));
    const lines = out.split('\n');
    const line = Math.floor(next() * lines.length);
    switch (pick(['insert', 'insert', 'insert', 'delete', 'indent', 'dedent', 'duplicate', 'swap'] as const)) {
      case 'insert':
        out = out.slice(0, at) + pick(INSERTS) + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
        break;
      case 'indent':
        lines[line] = ' '.repeat(1 + Math.floor(next() * 4)) + (lines[line] ?? '');
        out = lines.join('\n');
        break;
      case 'dedent':
        lines[line] = (lines[line] ?? '').replace(/^ {1,2}/, '');
        out = lines.join('\n');
        break;
      case 'duplicate':
        lines.splice(line, 0, lines[line] ?? '');
        out = lines.join('\n');
        break;
      case 'swap': {
        const other = Math.floor(next() * lines.length);
        [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
        out = lines.join('\n');
        break;
      }
    }
  }
  return out;
}

/**
 * What a value or key may not hold, written out from the issue rather than taken from the implementation: C0 and C1
 * controls (a value keeps its line feeds), bidirectional controls, zero-width characters, line and paragraph
 * separators, lone surrogates. Returns the first one in the file's data, keys included, or in a comment.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]/u;
function forbiddenIn(value: unknown, key = false): string | undefined {
  if (typeof value === 'string') {
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) return 'lone surrogate';
    const hit = FORBIDDEN.exec(value) ?? (key ? /\n/.exec(value) : null);
    return hit ? `U+${(hit[0].codePointAt(0) ?? 0).toString(16)}` : undefined;
  }
  if (Array.isArray(value)) return value.map((item) => forbiddenIn(item)).find((f) => f !== undefined);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = forbiddenIn(k, true) ?? forbiddenIn(v);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The forbidden character the text holds once parsed by the yaml library alone (no check of ours), if it parses. */
function oracle(text: string): string | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  const inComments = text.split('\n').some((line) => /(^|\s)#/.test(line) && FORBIDDEN.test(line.slice(line.search(/(^|\s)#/))));
  if (doc.errors.length > 0) return undefined;
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    // An alias without its anchor: the text is refused for that.
    return undefined;
  }
  return forbiddenIn(data) ?? (inComments ? 'in a comment' : undefined);
}

/** Literal invisible characters, and the escapes (inside double quotes) that write them or harmless ones. */
const LITERALS = [
  '\u202e',
  '\u202a',
  '\u2067',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u061c',
  '\u200e',
  '\u00ad',
  '\u00a0',
  '\u3164',
];
const ESCAPES = [
  '\\e',
  '\\0',
  '\\a',
  '\\b',
  '\\t',
  '\\v',
  '\\f',
  '\\N',
  '\\P',
  '\\L',
  '\\x1b',
  '\\x85',
  '\\x7F',
  '\\uD800',
  '\\uDFFF',
  '\\u202E',
  '\\u200B',
  '\\uFEFF',
  '\\U000E0041',
  '\\n',
  '\\_',
  '\\u00e9',
  '\\"',
];

/** One value-level mutation: an invisible character put into a value, a key or a comment, as written or escaped. */
function mutateValue(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines = text.split('\n');
  const candidates = lines.flatMap((line, index) =>
    /^\s*(?:- )?(?:[A-Za-z_][\w-]*: )?\S/.test(line) && !/^\s*#/.test(line) ? [index] : [],
  );
  const index = pick(candidates.length > 0 ? candidates : [0]);
  const line = lines[index] ?? '';
  const valueStart = /^\s*(?:- )?(?:[A-Za-z_][\w-]*:\s*)?/.exec(line)?.[0].length ?? 0;
  const value = line.slice(valueStart);
  const at = (length: number) => Math.floor(next() * (length + 1));
  switch (pick(['literal', 'literal', 'escape', 'escape', 'escape', 'key', 'comment', 'mixed'] as const)) {
    case 'literal': {
      const cut = valueStart + at(value.length);
      lines[index] = line.slice(0, cut) + pick(LITERALS) + line.slice(cut);
      break;
    }
    case 'escape': {
      const plain = value
        .replace(/^"(.*)"$/, '$1')
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"');
      const cut = at(plain.length);
      lines[index] = `${line.slice(0, valueStart)}"${plain.slice(0, cut)}${pick(ESCAPES)}${plain.slice(cut)}"`;
      break;
    }
    case 'key': {
      const key = /^(\s*(?:- )?)([A-Za-z_][\w-]*):/.exec(line);
      if (key?.[1] !== undefined && key[2] !== undefined) {
        const cut = at(key[2].length);
        lines[index] = `${key[1]}"${key[2].slice(0, cut)}${pick(ESCAPES)}${key[2].slice(cut)}"${line.slice(key[0].length - 1)}`;
      }
      break;
    }
    case 'comment':
      lines[index] = `${line} # note ${pick(LITERALS)} end`;
      break;
    case 'mixed':
      return mutate(lines.join('\n').replace(/: /, `: ${pick(LITERALS)}`), next);
  }
  return lines.join('\n');
}

const shipped = yamlFilesUnder(join(ROOT, 'registry'));
const corpus = yamlFilesUnder(join(ROOT, 'test/corpus/files'));

/** Shapes the shipped files do not have: nested lists, quoted keys' neighbours, comments, numbers and nulls. */
const CRAFTED = [
  "a: 1\nb:\n- x\n- y\nc:\n  d: \"q # not a comment\"\n  e: 'it''s'\n",
  'list:\n  -\n    k: v\n  - # empty item\n  - k: v\n    m:\n      - 1\n      - ~\n',
  '# head\nkey: value # tail\nother:   spaced   out   \nnum: 007\nbig: 123456789012345\n',
  'k:\n  - a: 1\n    b:\n    - c\n    - d\n  - e\nz: end\n',
  'users: [EU, US]\nnone: []\nspaced: [ a ,b ] # comment\nname: C# and F#\nurl: https://example.com/a?b=c\nnote: a:b, c\nempty:\nq: ""\nsq: \'\'\n',
];

describe('the simple YAML reader', () => {
  it('reads every shipped registry file, to the data the full parser gives', () => {
    expect(shipped.length).toBeGreaterThan(20);
    for (const file of shipped) expect(holdsContract(readFileSync(file, 'utf8')), file).toBe(true);
  });

  it('reads the crafted shapes, to the data the full parser gives', () => {
    for (const text of CRAFTED) expect(holdsContract(text), text).toBe(true);
  });

  it('changes nothing on the hostile corpus: same diagnostics, same data, and YAML errors left to the full parser', () => {
    let refused = 0;
    for (const file of corpus) {
      const bytes = readFileSync(file);
      const full = parseRegistryYamlFully(file, bytes);
      const both = parseRegistryYaml(file, bytes);
      expect(both.diagnostics, file).toEqual(full.diagnostics);
      expect(isDeepStrictEqual(both.value, full.value), file).toBe(true);
      // Byte-level problems (encoding, controls) are found before either reader runs; YAML-level ones need the full parser.
      if (full.diagnostics.some((d) => d.policy === 'yaml-syntax')) {
        refused++;
        expect(parseSimpleYaml(bytes.toString('utf8')), file).toBeUndefined();
      }
    }
    expect(refused).toBeGreaterThan(15);
  });

  it('never accepts a mutated file that the full parser reads otherwise (6,000 seeded mutations)', () => {
    const seeds = [...shipped.map((file) => readFileSync(file, 'utf8')), ...CRAFTED];
    const next = seededRandom(20261124);
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      if (holdsContract(mutate(seeds[i % seeds.length] ?? '', next))) accepted++;
    }
    // Both sides of the contract are exercised: many mutations still read simply, many do not.
    expect(accepted).toBeGreaterThan(600);
    expect(accepted).toBeLessThan(5400);
  });

  it('value-level mutations: both paths refuse every invisible character the same way, none is accepted (3,000 seeded mutations)', () => {
    const seeds = [...shipped.map((file) => readFileSync(file, 'utf8')), ...CRAFTED];
    const next = seededRandom(20261130);
    const tally = { refused: 0, accepted: 0, other: 0 };
    for (let i = 0; i < 3000; i++) {
      const text = mutateValue(seeds[i % seeds.length] ?? '', next);
      const bytes = encoder.encode(text);
      const both = parseRegistryYaml('f.yaml', bytes);
      const full = parseRegistryYamlFully('f.yaml', bytes);
      expect(both.diagnostics, `the two paths disagree on:\n${text}`).toEqual(full.diagnostics);
      expect(isDeepStrictEqual(both.value, full.value), `different data for:\n${text}`).toBe(true);
      const hidden = oracle(text);
      if (both.value !== undefined) {
        expect(hidden, `accepted with an invisible character:\n${JSON.stringify(text)}`).toBeUndefined();
        tally.accepted++;
      } else if (both.diagnostics.some((d) => d.messageId === 'invisible-character')) {
        tally.refused++;
      } else {
        tally.other++;
      }
    }
    // Most mutations put an invisible character where it must be refused; some stay valid (a line feed in a value,
    // a no-break space), some break the YAML first.
    expect(tally.refused).toBeGreaterThan(1500);
    expect(tally.accepted).toBeGreaterThan(100);
    expect(tally.other).toBeGreaterThan(30);
  });

  it('gives up on what it does not read, and the full parser reports it', () => {
    const cases = [
      'a: 1\na: 2\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: [1, 2]\n',
      'a:\tb\n',
      'a: "x\\ny"\n',
      'a: x\n  y\n',
      '- a\n',
      '',
      '# only\n',
      'true: 1\n',
      'a: 0x1F\n',
      'a: -1\n',
    ];
    for (const text of cases) expect(parseSimpleYaml(text), text).toBeUndefined();
    expect(parseRegistryYaml('f.yaml', encoder.encode('a: 1\na: 2\n')).diagnostics.map((d) => d.messageId)).toEqual(['duplicate-key']);
  });

  it('keeps positions for diagnostics of files it read: they are found again on demand', () => {
    const parsed = parseRegistryYaml('f.yaml', encoder.encode('a: 1\nlist:\n  - k: v\n    m: w\n'));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.locate(['list', 0, 'm'])).toEqual({ line: 4, column: 8 });
  });
});
