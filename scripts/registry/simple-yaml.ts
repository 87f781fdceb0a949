import { hasHiddenInText } from './invisible.js';
import type { Locator, Position } from './locate.js';

/**
 * A fast reader for the YAML that registry files are made of: block mappings and sequences, identifier keys,
 * one-line plain and quoted scalars, comments. It gives up (returns undefined) on anything else, and the full
 * `yaml` parser then reads the file and reports what is wrong with it.
 *
 * Why: the full parser builds a concrete syntax tree, a document and source ranges for every node, about 130 µs a
 * file; a registry of 10,000 files spent two thirds of its check there. This reader builds only the data.
 *
 * The contract, held by a differential test on every corpus file and on thousands of mutated files: when this
 * returns a value, the full parser (YAML 1.2 core schema) reads the same text without any error, warning or
 * refused construct, and gives a deep-equal value with the same key order.
 */

interface Line {
  /** 1-based line number, for positions. */
  number: number;
  indent: number;
  /** The line after its indentation; never empty, never a comment. */
  text: string;
}

/** Gives up: the caller falls back to the full parser. */
class NotSimple extends Error {}
const notSimple = new NotSimple();

/** 16 levels is far beyond a registry file; deeper nesting goes to the full parser and its depth check. */
const MAX_DEPTH = 16;

/**
 * Tabs (indentation errors or tab-separated values), flow mappings and backslashes (escapes in double quotes) are
 * rare in a registry and subtle in YAML: the full parser takes them.
 */
const AWKWARD = /[\t{}\\]/;

/** `[EU, US]`: a one-line flow sequence of identifiers, as registry files write user scopes. */
const FLOW_ITEM = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const MAX_KEY = 1000;

/**
 * Length of `key:` and the spaces after it when the line starts with an identifier key (`[A-Za-z_][A-Za-z0-9_-]*`),
 * else 0. A loop rather than a regular expression: it runs on every line of every file.
 */
function keyPrefix(text: string): number {
  const first = text.charCodeAt(0);
  if (!(isLetter(first) || first === 95)) return 0;
  let i = 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45) i++;
    else break;
  }
  if (text.charCodeAt(i) !== 58 /* : */) return 0;
  let end = i + 1;
  if (end < text.length && text.charCodeAt(end) !== 32) return 0;
  while (text.charCodeAt(end) === 32) end++;
  return end;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Plain scalars that may resolve to null or a boolean start with one of `~nNtTfF`. */
function mayBeKeyword(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
}

/** Characters that cannot start a plain scalar in block context, or that give it another meaning. */
const INDICATOR = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ' ']);

/** YAML 1.2 core schema resolution of plain scalars other than strings (the `yaml` library's tests). */
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const SAFE_INT = /^[0-9]{1,15}$/;
/** Other numbers (signs, octal, hex, floats, infinities) keep their exact resolution in the full parser. */
const OTHER_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    number++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    if (indent < end && text.charCodeAt(indent) !== 35 /* # */) {
      lines.push({ number, indent: indent - start, text: text.slice(indent, end) });
    }
    start = end + 1;
  }
  return lines;
}

/** After a quoted scalar: nothing, or spaces and a comment. */
function restIsEmpty(rest: string): boolean {
  let i = 0;
  while (rest.charCodeAt(i) === 32) i++;
  return i === rest.length || (i > 0 && rest.charCodeAt(i) === 35 /* # */);
}

/** YAML trims spaces (and tabs, refused here) around plain scalars; String.trimEnd would also eat U+00A0 and U+2028. */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

function flowSequence(raw: string, at: Position, positions?: Positions): string[] {
  const close = raw.indexOf(']');
  if (close < 0 || !restIsEmpty(raw.slice(close + 1))) throw notSimple;
  const inner = raw.slice(1, close);
  const list: string[] = [];
  if (/^ *$/.test(inner)) return list;
  const places: Position[] = [];
  let column = at.column + 1;
  for (const part of inner.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = part.replace(/^ +| +$/g, '');
    if (!FLOW_ITEM.test(item) || NULL.test(item) || BOOL.test(item)) throw notSimple;
    list.push(item);
    places.push({ line: at.line, column: column + lead });
    column += part.length + 1;
  }
  positions?.set(list, { values: places });
  return list;
}

function scalar(raw: string, at: Position, positions?: Positions): unknown {
  const first = raw[0];
  if (first === '[') return flowSequence(raw, at, positions);
  // Brackets elsewhere count towards the full parser's nesting check, which this reader does not repeat.
  if (raw.includes('[') || raw.includes(']')) throw notSimple;
  if (first === '"') {
    const close = raw.indexOf('"', 1);
    if (close < 0 || !restIsEmpty(raw.slice(close + 1))) throw notSimple;
    return raw.slice(1, close);
  }
  if (first === "'") {
    let value = '';
    let i = 1;
    for (;;) {
      const close = raw.indexOf("'", i);
      if (close < 0) throw notSimple;
      value += raw.slice(i, close);
      if (raw[close + 1] === "'") {
        value += "'";
        i = close + 2;
        continue;
      }
      if (!restIsEmpty(raw.slice(close + 1))) throw notSimple;
      return value;
    }
  }
  if (first === undefined || INDICATOR.has(first)) throw notSimple;
  const comment = raw.indexOf(' #');
  const value = trimSpacesEnd(comment < 0 ? raw : raw.slice(0, comment));
  if (value.includes(': ') || value.endsWith(':')) throw notSimple;
  if (mayBeKeyword(value)) {
    if (NULL.test(value)) return null;
    if (BOOL.test(value)) return value[0] === 't' || value[0] === 'T';
  }
  // Numbers start with a digit, a sign or a dot; most values start with a letter.
  if (isLetter(value.charCodeAt(0))) return value;
  if (SAFE_INT.test(value)) return Number(value);
  if (OTHER_NUMBER.test(value)) throw notSimple;
  return value;
}

/** Empty, or only a comment: the value is on the lines below, or null. */
function isBlank(raw: string): boolean {
  return raw === '' || raw.startsWith('#');
}

/** Where the key and the value of each entry of a mapping, or each item of a list, start. */
interface Places {
  keys?: Map<string, Position>;
  values: Map<string, Position> | Position[];
}
type Positions = Map<object, Places>;

/** A mapping or a list starts at its first line; a scalar, or an empty value, where its text starts. */
function startOf(value: unknown, next: Line | undefined, at: Position): Position {
  return value !== null && typeof value === 'object' && next ? { line: next.number, column: next.indent + 1 } : at;
}

class Reader {
  private index = 0;

  constructor(
    private readonly lines: Line[],
    /** Filled only when positions are asked for: the data alone is the fast path. */
    private readonly positions?: Positions,
  ) {}

  document(): Record<string, unknown> {
    const first = this.lines[0];
    if (!first || first.indent !== 0 || isItem(first.text)) throw notSimple;
    const value = this.mapping(0, 1);
    if (this.index !== this.lines.length) throw notSimple;
    return value;
  }

  /** The node whose first line is the current one, at its indentation. */
  private node(depth: number): unknown {
    const line = this.lines[this.index];
    if (!line) throw notSimple;
    return isItem(line.text) ? this.sequence(line.indent, depth) : this.mapping(line.indent, depth);
  }

  /** The value of a key or item written on the lines below it, or null when nothing more indented follows. */
  private below(indent: number, depth: number, sequenceAtSameIndent: boolean): unknown {
    const next = this.lines[this.index];
    if (next && next.indent > indent) return this.node(depth);
    if (next && sequenceAtSameIndent && next.indent === indent && isItem(next.text)) return this.sequence(indent, depth);
    return null;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw notSimple;
    const map: Record<string, unknown> = {};
    const keys = this.positions && new Map<string, Position>();
    const values = this.positions && new Map<string, Position>();
    if (keys && values) this.positions.set(map, { keys, values });
    for (;;) {
      const line = this.lines[this.index];
      if (!line || line.indent < indent) return map;
      // More indented without a key above to own it, or an item among keys: a continuation line or an error.
      if (line.indent > indent || isItem(line.text)) throw notSimple;
      const prefix = keyPrefix(line.text);
      if (prefix === 0) throw notSimple;
      const key = line.text.slice(0, line.text.indexOf(':'));
      // The full parser refuses an implicit key running past 1,024 characters.
      if (key.length > MAX_KEY) throw notSimple;
      if (Object.hasOwn(map, key) || key === '__proto__' || (mayBeKeyword(key) && (NULL.test(key) || BOOL.test(key)))) throw notSimple;
      const raw = line.text.slice(prefix);
      const at = { line: line.number, column: line.indent + prefix + 1 };
      this.index++;
      let value: unknown;
      let start = at;
      if (isBlank(raw)) {
        const next = this.lines[this.index];
        value = this.below(indent, depth + 1, true);
        start = startOf(value, next, at);
      } else {
        value = scalar(raw, at, this.positions);
      }
      map[key] = value;
      keys?.set(key, { line: line.number, column: line.indent + 1 });
      values?.set(key, start);
    }
  }

  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw notSimple;
    const list: unknown[] = [];
    const values: Position[] = [];
    this.positions?.set(list, { values });
    for (;;) {
      const line = this.lines[this.index];
      if (!line || line.indent !== indent || !isItem(line.text)) {
        if (line && line.indent > indent) throw notSimple;
        return list;
      }
      let offset = 1;
      while (line.text.charCodeAt(offset) === 32) offset++;
      const raw = line.text.slice(offset);
      const at = { line: line.number, column: indent + offset + 1 };
      if (isBlank(raw)) {
        this.index++;
        const next = this.lines[this.index];
        const value = this.below(indent, depth + 1, false);
        list.push(value);
        values.push(startOf(value, next, at));
      } else if (isItem(raw)) {
        throw notSimple;
      } else if (keyPrefix(raw) > 0) {
        // A mapping that starts on the item's line: its keys line up with the first one.
        this.lines[this.index] = { number: line.number, indent: indent + offset, text: raw };
        list.push(this.mapping(indent + offset, depth + 1));
        values.push(at);
      } else {
        this.index++;
        list.push(scalar(raw, at, this.positions));
        values.push(at);
      }
    }
  }
}

function isItem(text: string): boolean {
  return text.charCodeAt(0) === 45 /* - */ && (text.length === 1 || text.charCodeAt(1) === 32);
}

function read(text: string, positions?: Positions): { root: Record<string, unknown>; start: Position } | undefined {
  // Invisible characters are refused wherever they are; the full parser's tree says where.
  if (AWKWARD.test(text) || hasHiddenInText(text)) return undefined;
  try {
    const lines = splitLines(text);
    const root = new Reader(lines, positions).document();
    // The document starts at its first key, below any comment.
    return { root, start: { line: lines[0]?.number ?? 1, column: 1 } };
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}

/** The data of a simple registry file, or undefined when the full parser must read it. */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  return read(text)?.root;
}

/**
 * The locator of a simple file, answering as the full parser's locator does (a missing path resolves to the
 * deepest node that exists), or undefined when the text is not simple.
 */
export function simpleLocator(text: string): Locator | undefined {
  const positions: Positions = new Map();
  const found = read(text, positions);
  if (found === undefined) return undefined;
  const { root, start } = found;
  return (path, target = 'value') => {
    let node: unknown = root;
    let at = start;
    let keyAt: Position | undefined;
    for (const segment of path) {
      keyAt = undefined;
      const places = node !== null && typeof node === 'object' ? positions.get(node) : undefined;
      if (!places) break;
      if (places.keys && !Array.isArray(places.values)) {
        const key = String(segment);
        const value = places.values.get(key);
        if (!value) break;
        keyAt = places.keys.get(key);
        at = value;
        node = (node as Record<string, unknown>)[key];
      } else if (Array.isArray(places.values) && typeof segment === 'number' && segment < places.values.length) {
        at = places.values[segment] ?? at;
        node = (node as unknown[])[segment];
      } else break;
    }
    return target === 'key' && keyAt ? keyAt : at;
  };
}
