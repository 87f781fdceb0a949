import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { fieldName } from './ajv-messages.js';
import type { Locator, Position } from './locate.js';
import { fileFormat } from './rules.js';

/*
 * Characters no registry text may hold, checked on the parsed data, where YAML escapes have become what they write
 * ("\e", "\0", "\N", "\uD800", "\u202E" are visible in the file and invisible in the value): controls, format
 * characters (bidirectional overrides and isolates, zero-width characters, soft hyphens, tag characters), every
 * other default-ignorable code point (variation selectors, fillers), line and paragraph separators, lone surrogates
 * and noncharacters. They reach the terminal, the CSV and the Markdown of the published list; a reviewer sees none
 * of them. A value keeps its line feeds (a block scalar's notes); a key keeps nothing.
 */
const CLASSES = String.raw`\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}`;
const IN_KEY = new RegExp(`[${CLASSES}]`, 'u');
const IN_VALUE = new RegExp(`(?!\\n)[${CLASSES}]`, 'u');
/** Printable ASCII holds none of them: most text is, and this one test is several times cheaper. */
const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;
/** Raw text keeps its controls for the byte check; only characters past ASCII can be the others. */
const BEYOND_ASCII = /[^\t\n\x20-\x7e]/;

/**
 * The same classes in the raw text, less the controls: tab and line feed are YAML's own, and the byte check
 * (parse-yaml.ts) already refuses every other control where it is written. Outside keys and values only a comment
 * can hold them, where a line separator shows reviewers a line that is not there.
 */
const HIDDEN_IN_TEXT = new RegExp(`[${CLASSES.replace(String.raw`\p{Cc}`, '')}]`, 'u');

/** Whether the raw text holds one of the refused characters that are not controls. */
export function hasHiddenInText(text: string): boolean {
  return BEYOND_ASCII.test(text) && HIDDEN_IN_TEXT.test(text);
}

const HIDDEN_ANYWHERE = new RegExp(`[${CLASSES}]`, 'gu');
const HIDDEN_IN_VALUE = new RegExp(IN_VALUE.source, 'gu');

/** Text with every character a registry value may not hold removed, line feeds kept: for text read from elsewhere. */
export function withoutHidden(text: string): string {
  return BEYOND_PRINTABLE_ASCII.test(text) ? text.replace(HIDDEN_IN_VALUE, '') : text;
}

/**
 * Text quoted from a file or a listing into a message (a syntax error's excerpt, a key, an anchor, a link target, a
 * file name) made safe to print: each refused character, line breaks and tabs included, written as <U+XXXX>. A
 * file refused for its syntax never reaches the value check, yet the message quoting it reaches the terminal.
 */
export function visible(text: string): string {
  return BEYOND_PRINTABLE_ASCII.test(text) ? text.replace(HIDDEN_ANYWHERE, (ch) => `<U+${describe(ch).code}>`) : text;
}

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** What the character is, in words a reviewer can act on. */
function kindOf(code: number): string {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 'control character';
  if (BIDI.has(code)) return 'bidirectional control';
  if (ZERO_WIDTH.has(code)) return 'zero-width character';
  if (code === 0x2028) return 'line separator';
  if (code === 0x2029) return 'paragraph separator';
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate';
  if (/\p{Noncharacter_Code_Point}/u.test(String.fromCodePoint(code))) return 'noncharacter';
  return 'invisible formatting character';
}

function describe(found: string): { code: string; kind: string } {
  const code = found.codePointAt(0) ?? 0;
  return { code: code.toString(16).toUpperCase().padStart(4, '0'), kind: kindOf(code) };
}

function keyOwner(path: JsonPath): string {
  return path.length === 0 ? 'a key at the top of the file' : `a key of ${fieldName(path)}`;
}

/**
 * Every key and string value holding a refused character, one diagnostic each, at the key or the value. A key that
 * holds one is reported and its value is not looked into: its path would print the character.
 */
export function hiddenCharacters(file: string, data: unknown, locate: Locator): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (path: JsonPath, where: string, at: Position, character: string) => {
    found.push(makeDiagnostic(fileFormat, 'invisible-character', { file, path, ...at }, { ...describe(character), where }));
  };
  const visit = (value: unknown, path: JsonPath): void => {
    if (typeof value === 'string') {
      const hit = BEYOND_PRINTABLE_ASCII.test(value) ? IN_VALUE.exec(value) : null;
      if (hit) report(path, path.length === 0 ? 'the file' : fieldName(path), locate(path, 'value'), hit[0]);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      const hit = BEYOND_PRINTABLE_ASCII.test(key) ? IN_KEY.exec(key) : null;
      if (hit) report(path, keyOwner(path), locate([...path, key], 'key'), hit[0]);
      else visit(item, [...path, key]);
    }
  };
  visit(data, []);
  return found;
}

/** A refused character outside every key and value (a comment), at the character itself. */
export function hiddenInText(file: string, text: string, at: (offset: number) => Position): Diagnostic | undefined {
  const hit = hasHiddenInText(text) ? HIDDEN_IN_TEXT.exec(text) : null;
  if (!hit) return undefined;
  const lineStart = text.lastIndexOf('\n', hit.index) + 1;
  const before = text.slice(lineStart, hit.index);
  const where = /(^|[ \t])#/.test(before) ? 'a comment' : 'the file';
  return makeDiagnostic(fileFormat, 'invisible-character', { file, path: [], ...at(hit.index) }, { ...describe(hit[0]), where });
}
