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

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;

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
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    if (indent < end && text.charCodeAt(indent) !== 35 /* # */) {
      lines.push({ indent: indent - start, text: text.slice(indent, end) });
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

function flowSequence(raw: string): string[] {
  const close = raw.indexOf(']');
  if (close < 0 || !restIsEmpty(raw.slice(close + 1))) throw notSimple;
  const inner = raw.slice(1, close);
  if (/^ *$/.test(inner)) return [];
  return inner.split(',').map((part) => {
    const item = part.replace(/^ +| +$/g, '');
    if (!FLOW_ITEM.test(item) || NULL.test(item) || BOOL.test(item)) throw notSimple;
    return item;
  });
}

function scalar(raw: string): unknown {
  const first = raw[0];
  if (first === '[') return flowSequence(raw);
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
  if (NULL.test(value)) return null;
  if (BOOL.test(value)) return value[0] === 't' || value[0] === 'T';
  if (SAFE_INT.test(value)) return Number(value);
  if (OTHER_NUMBER.test(value)) throw notSimple;
  return value;
}

/** Empty, or only a comment: the value is on the lines below, or null. */
function isBlank(raw: string): boolean {
  return raw === '' || raw.startsWith('#');
}

class Reader {
  private index = 0;

  constructor(private readonly lines: Line[]) {}

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
    for (;;) {
      const line = this.lines[this.index];
      if (!line || line.indent < indent) return map;
      // More indented without a key above to own it, or an item among keys: a continuation line or an error.
      if (line.indent > indent || isItem(line.text)) throw notSimple;
      const match = KEY.exec(line.text);
      if (!match) throw notSimple;
      const key = match[1] ?? '';
      // The full parser refuses an implicit key running past 1,024 characters.
      if (key.length > MAX_KEY) throw notSimple;
      if (Object.hasOwn(map, key) || NULL.test(key) || BOOL.test(key) || key === '__proto__') throw notSimple;
      const raw = line.text.slice(match[0].length);
      this.index++;
      map[key] = isBlank(raw) ? this.below(indent, depth + 1, true) : scalar(raw);
    }
  }

  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw notSimple;
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.index];
      if (!line || line.indent !== indent || !isItem(line.text)) {
        if (line && line.indent > indent) throw notSimple;
        return list;
      }
      let offset = 1;
      while (line.text.charCodeAt(offset) === 32) offset++;
      const raw = line.text.slice(offset);
      if (isBlank(raw)) {
        this.index++;
        list.push(this.below(indent, depth + 1, false));
      } else if (isItem(raw)) {
        throw notSimple;
      } else if (KEY.test(raw)) {
        // A mapping that starts on the item's line: its keys line up with the first one.
        this.lines[this.index] = { indent: indent + offset, text: raw };
        list.push(this.mapping(indent + offset, depth + 1));
      } else {
        this.index++;
        list.push(scalar(raw));
      }
    }
  }
}

function isItem(text: string): boolean {
  return text.charCodeAt(0) === 45 /* - */ && (text.length === 1 || text.charCodeAt(1) === 32);
}

/** The data of a simple registry file, or undefined when the full parser must read it. */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (AWKWARD.test(text)) return undefined;
  try {
    return new Reader(splitLines(text)).document();
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}
