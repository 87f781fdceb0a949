import type { CST, Document } from 'yaml';
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { parseSimpleYaml, simpleLocator } from './simple-yaml.js';
import { locatorFor, START, type Locator, type Position } from './locate.js';
import { hiddenCharacters, hiddenInText, visible } from './invisible.js';
import { fileFormat, yamlSyntax } from './rules.js';
import { firstInvalidUtf8 } from './utf8.js';
import { yamlLibrary } from './yaml-lib.js';

export interface ParsedFile {
  /** The plain data, present only when the file parsed without any diagnostic. */
  value?: unknown;
  locate: Locator;
  diagnostics: Diagnostic[];
}

const atStart: Locator = () => START;

function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Checks the raw bytes: encoding, BOM and line endings, which YAML parsers would otherwise accept silently. */
function checkBytes(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const fail = (d: Diagnostic): { diagnostics: Diagnostic[] } => ({ diagnostics: [d] });
  if (bytes.length === 0) return fail(makeDiagnostic(fileFormat, 'empty', { file, path: [], ...START }));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return fail(makeDiagnostic(fileFormat, 'bom', { file, path: [], ...START }));
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const where = positionOfOffset(before, before.length);
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return fail(makeDiagnostic(fileFormat, 'invalid-utf8', { file, path: [], ...where }, { byte }));
  }
  const text = new TextDecoder().decode(bytes);
  const cr = text.indexOf('\r');
  if (cr >= 0) return fail(makeDiagnostic(fileFormat, 'crlf', { file, path: [], ...positionOfOffset(text, cr) }));
  const control = CONTROL.exec(text);
  if (control) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return fail(makeDiagnostic(fileFormat, 'control-character', { file, path: [], ...positionOfOffset(text, control.index) }, { code }));
  }
  return { text, diagnostics: [] };
}

/** C0 controls but tab and line feed, DEL, and C1 controls: YAML 1.2 excludes them (5.1), terminals obey them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const MAX_DEPTH = 64;

/**
 * Nesting beyond any real entry, found in the parser's syntax tree before the composer recurses into it: the
 * composer's recursion would run out of stack and report the overflow at a position that depends on the stack
 * size. The tree is built without recursion and walked here with a stack of our own, so every way of nesting
 * counts (brackets, braces, `- - -`, `? ? ?`, indentation) and quotes count exactly as the parser reads them. The
 * top-level mapping is level 0; the offset is where the first collection past the limit starts.
 */
function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: -1 })).reverse();
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { token, depth } = top;
    if (token?.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token?.type === 'block-map' || token?.type === 'block-seq' || token?.type === 'flow-collection') {
      const level = depth + 1;
      if (level > MAX_DEPTH) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item: { key?: CST.Token | null; value?: CST.Token } | undefined = token.items[i];
        stack.push({ token: item?.value, depth: level });
        if (item?.key) stack.push({ token: item.key, depth: level });
      }
    }
  }
  return undefined;
}

/** YAML directives (%YAML 1.1 would bring back NO as false); only at the start of a line, outside any value. */
const DIRECTIVE = /^%\S*/m;

const NODE_KIND = (value: unknown): string => {
  const { isScalar, isSeq } = yamlLibrary();
  if (isSeq(value)) return 'a list';
  if (isScalar(value)) return value.value === null ? 'empty' : `a single value (${visible(JSON.stringify(value.value))})`;
  return 'not a mapping';
};

/** Anchors, aliases, merge keys, explicit tags and non-text keys: legal YAML, refused in a registry. */
function checkConstructs(file: string, text: string, doc: Document, locate: (offset?: number) => Position): Diagnostic[] {
  const { isAlias, isPair, isScalar, visit } = yamlLibrary();
  const found: Diagnostic[] = [];
  const where = (offset?: number) => ({ file, path: [], ...locate(offset) });
  visit(doc, {
    Alias(_key, node) {
      found.push(makeDiagnostic(yamlSyntax, 'alias', where(node.range?.[0]), { name: visible(node.source) }));
    },
    Node(_key, node) {
      if (isAlias(node)) return;
      // A node's range starts at its value; the anchor or tag written before it is where the reader looks.
      const start = node.range?.[0];
      const before = (marker: string) => (start === undefined ? undefined : Math.max(0, text.lastIndexOf(marker, start)));
      if (node.anchor) found.push(makeDiagnostic(yamlSyntax, 'anchor', where(before(`&${node.anchor}`)), { name: visible(node.anchor) }));
      // The yaml library sets `tag` only where the source writes one.
      if (node.tag) {
        const tag = node.tag.replace('tag:yaml.org,2002:', '!!');
        let at = before('!');
        while (at !== undefined && at > 0 && text[at - 1] === '!') at--;
        found.push(makeDiagnostic(yamlSyntax, 'tag', where(at), { tag: visible(tag) }));
      }
    },
    Pair(_key, pair) {
      if (!isPair(pair)) return;
      const key = pair.key;
      if (isScalar(key) && key.value === '<<') {
        found.push(makeDiagnostic(yamlSyntax, 'merge-key', where(key.range?.[0])));
      } else if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        const node = key as { range?: [number, number, number] } | null;
        found.push(makeDiagnostic(yamlSyntax, 'complex-key', where(node?.range?.[0])));
      }
    },
  });
  return found;
}

/**
 * Parses one registry file (YAML 1.2 core schema, so `NO` stays the text "NO" and dates stay text) and refuses
 * everything a reviewer could misread. Pure: bytes in, data and diagnostics out.
 */
export function parseRegistryYaml(file: string, bytes: Uint8Array): ParsedFile {
  const checked = checkBytes(file, bytes);
  if (checked.text === undefined) return { locate: atStart, diagnostics: checked.diagnostics };
  const text = checked.text;
  const simple = parseSimpleYaml(text);
  if (simple === undefined) return parseText(file, text);
  const locate = lazyLocator(text);
  const hidden = checkText(file, text, simple, locate, (offset) => positionOfOffset(text, offset));
  return hidden.length > 0 ? { locate, diagnostics: hidden } : { value: simple, locate, diagnostics: [] };
}

/** The full parser alone, for the test that holds the simple reader to the same results. */
export function parseRegistryYamlFully(file: string, bytes: Uint8Array): ParsedFile {
  const checked = checkBytes(file, bytes);
  if (checked.text === undefined) return { locate: atStart, diagnostics: checked.diagnostics };
  return parseText(file, checked.text);
}

function parseText(file: string, text: string): ParsedFile {
  const directive = DIRECTIVE.exec(text);
  if (directive) {
    const where = { file, path: [], ...positionOfOffset(text, directive.index) };
    return { locate: atStart, diagnostics: [makeDiagnostic(yamlSyntax, 'directive', where, { directive: visible(directive[0]) })] };
  }
  const { Composer, isMap, LineCounter, Parser } = yamlLibrary();
  const lineCounter = new LineCounter();
  // parseAllDocuments in two steps, so that the syntax tree is measured before it is composed.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = tooDeep(tokens);
  if (deep !== undefined) {
    const where = { file, path: [], ...positionOfOffset(text, deep) };
    return { locate: atStart, diagnostics: [makeDiagnostic(yamlSyntax, 'too-deep', where, { limit: MAX_DEPTH })] };
  }
  const docs = Array.from(new Composer({ uniqueKeys: true, merge: false }).compose(tokens));
  const offsetPos = (offset?: number): Position => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const [doc, second] = docs;
  if (!doc) return { locate: atStart, diagnostics: [makeDiagnostic(fileFormat, 'empty', { file, path: [], ...START })] };
  const diagnostics: Diagnostic[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const where = { file, path: [], ...offsetPos(unclosedQuoteStart(text, error) ?? error.pos[0]) };
    if (error.code === 'DUPLICATE_KEY') {
      diagnostics.push(makeDiagnostic(yamlSyntax, 'duplicate-key', where, { key: visible(duplicateKeyAt(text, error.pos[0])) }));
    } else if (error.code === 'TAB_AS_INDENT') {
      diagnostics.push(makeDiagnostic(yamlSyntax, 'tab-indent', where));
    } else if (error.code === 'TAG_RESOLVE_FAILED') {
      diagnostics.push(makeDiagnostic(yamlSyntax, 'tag', where, { tag: visible(tagAt(text, error.pos[0])) }));
    } else {
      diagnostics.push(makeDiagnostic(yamlSyntax, 'syntax', where, { detail: visible(plainYamlMessage(error.message)) }));
    }
  }
  if (second) {
    diagnostics.push(makeDiagnostic(yamlSyntax, 'multiple-documents', { file, path: [], ...offsetPos(second.range[0]) }));
  }
  if (diagnostics.length > 0) return { locate: locatorFor(doc, lineCounter), diagnostics: dedupe(diagnostics) };
  diagnostics.push(...checkConstructs(file, text, doc, offsetPos));
  if (doc.contents === null) {
    diagnostics.push(makeDiagnostic(fileFormat, 'empty', { file, path: [], ...START }));
  } else if (!isMap(doc.contents)) {
    const where = { file, path: [], ...offsetPos(doc.contents.range[0]) };
    diagnostics.push(makeDiagnostic(yamlSyntax, 'not-a-mapping', where, { found: NODE_KIND(doc.contents) }));
  }
  if (diagnostics.length > 0) return { locate: locatorFor(doc, lineCounter), diagnostics };
  const value = doc.toJS({ maxAliasCount: 0 }) as unknown;
  const hidden = checkText(file, text, value, locatorFor(doc, lineCounter), offsetPos);
  if (hidden.length > 0) return { locate: locatorFor(doc, lineCounter), diagnostics: hidden };
  // A valid file keeps only its text: most never need a position, and thousands of parsed documents held for
  // that chance would cost more memory (and collection time) than parsing again the few that do.
  return { value, locate: lazyLocator(text), diagnostics };
}

/** Only printable ASCII and line feeds. */
const PLAIN_TEXT = /^[\n\x20-\x7e]*$/;
/** YAML's explicit key indicator, "? " at the start of a node: the one way a key can span lines. */
const EXPLICIT_KEY = /(^|[\s[{,])\?(\s|$)/m;

/**
 * What both readers' data must pass, once escapes are resolved: no invisible character in a key or a value (at the
 * value), and none in the text around them (at the character).
 */
function checkText(file: string, text: string, value: unknown, locate: Locator, at: (offset: number) => Position): Diagnostic[] {
  // Text of printable ASCII and line feeds only, with no escape and no explicit key, gives keys and values of those
  // characters alone (a value may keep its line feeds, and only an explicit key could hold one): nothing to look
  // for, and walking every value of every file was a twentieth of validating 10,000 of them.
  if (PLAIN_TEXT.test(text) && !text.includes('\\') && !EXPLICIT_KEY.test(text)) return [];
  const inData = hiddenCharacters(file, value, locate);
  if (inData.length > 0) return inData;
  const inText = hiddenInText(file, text, at);
  return inText ? [inText] : [];
}

/** The locator of a valid file (or of the policy data), built on first use: most files never need one. */
export function lazyLocator(text: string): Locator {
  let locate: Locator | undefined;
  let full: Locator | undefined;
  const lazy = (path: JsonPath, target?: 'key' | 'value') => {
    if (!locate) locate = simpleLocator(text) ?? fullLocator(text);
    return locate(path, target);
  };
  // A fix needs the scalar's extent and quoting, which only the full parser's nodes give.
  return Object.assign(lazy, {
    replacement: (path: JsonPath, target: 'key' | 'value', replaceWith: string) => (full ??= fullLocator(text)).replacement?.(path, target, replaceWith),
  });
}

/** The full parser's locator: also the reference the simple locator is tested against. */
export function fullLocator(text: string): Locator {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  return locatorFor(parseDocument(text, { lineCounter, merge: false }), lineCounter);
}

/**
 * An unclosed quote runs to the end of the file, where the parser reports it; the quote that opened it is the
 * last one in the file, and that is the place to fix.
 */
function unclosedQuoteStart(text: string, error: { code: string; message: string }): number | undefined {
  if (error.code !== 'MISSING_CHAR') return undefined;
  const quote = /closing (["'])quote/.exec(error.message)?.[1];
  if (!quote) return undefined;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === quote && !(quote === '"' && text[i - 1] === '\\')) return i;
  }
  return undefined;
}

/** The yaml library appends its own "at line L, column C" and a code excerpt; we print positions ourselves. */
function plainYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function duplicateKeyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const match = /^\s*(?:"([^"]*)"|'([^']*)'|([^:\n]*?))\s*:/.exec(rest);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim() || '?';
}

function tagAt(text: string, offset: number): string {
  return /^!\S*/.exec(text.slice(offset))?.[0] ?? '!';
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.messageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
