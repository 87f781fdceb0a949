import type { Document, LineCounter, Node } from 'yaml';
import type { Fix, JsonPath } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from './yaml-lib.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Maps a JSON path to the source position of its node; `key` asks for the key of a mapping entry, not its value.
 * `replacement` gives the fix that writes `text` in place of that scalar, where one can be made safely.
 */
export type Locator = ((path: JsonPath, target?: 'key' | 'value') => Position) & {
  readonly replacement?: (path: JsonPath, target: 'key' | 'value', text: string) => Fix | undefined;
};

/** Words a plain scalar would read as something other than text, under YAML 1.2's core schema, or would not parse as. */
const PLAIN_UNSAFE = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~|[-+]?(?:\.?\d.*|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN))$/;

/**
 * `text` written as the scalar it replaces was: plain stays plain (when plain reads back as the same text), quotes
 * keep their kind. Block scalars and anything that is not simple words are left alone: a fix never reshapes a file.
 */
function scalarSource(type: string | undefined, text: string): string | undefined {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(text)) return undefined;
  switch (type) {
    case 'PLAIN':
      return PLAIN_UNSAFE.test(text) || / $/.test(text) ? JSON.stringify(text) : text;
    case 'QUOTE_DOUBLE':
      return JSON.stringify(text);
    case 'QUOTE_SINGLE':
      return `'${text}'`;
    default:
      return undefined;
  }
}

export const START: Position = { line: 1, column: 1 };

/**
 * Builds the locator of one parsed document. Missing paths resolve to the deepest node that exists, so "missing
 * required field" points at the mapping that lacks it.
 */
export function locatorFor(doc: Document, lineCounter: LineCounter): Locator {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  /** The node at the path (or the deepest that exists), its key's node, whether the whole path exists, and the map holding it. */
  const find = (path: JsonPath) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    let parent: unknown;
    let complete = true;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) {
          complete = false;
          break;
        }
        parent = node;
        keyNode = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        const item = node.items[segment];
        parent = node;
        node = isPair(item) ? item.key : item;
      } else {
        complete = false;
        break;
      }
    }
    return { node: node as Node | null | undefined, keyNode, parent, complete };
  };
  const locate = (path: JsonPath, target: 'key' | 'value' = 'value'): Position => {
    const { node, keyNode } = find(path);
    const chosen = target === 'key' && keyNode ? keyNode : node;
    return at(chosen?.range?.[0]);
  };
  const replacement = (path: JsonPath, target: 'key' | 'value', text: string): Fix | undefined => {
    const { node, keyNode, parent, complete } = find(path);
    const chosen = target === 'key' ? keyNode : node;
    if (!complete || !isScalar(chosen) || chosen.range === undefined || chosen.range === null) return undefined;
    // A key renamed to one its mapping has already would make a duplicate key: no fix.
    if (target === 'key' && isMap(parent) && parent.items.some((item) => isScalar(item.key) && String(item.key.value) === text)) {
      return undefined;
    }
    const source = scalarSource(chosen.type, text);
    return source === undefined ? undefined : { range: [chosen.range[0], chosen.range[1]], text: source };
  };
  return Object.assign(locate, { replacement });
}
