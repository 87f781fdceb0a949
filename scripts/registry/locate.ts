import type { Document, LineCounter, Node } from 'yaml';
import type { JsonPath } from '../diagnostics/diagnostic.js';
import { yamlLibrary } from './yaml-lib.js';

export interface Position {
  line: number;
  column: number;
}

/** Maps a JSON path to the source position of its node; `key` asks for the key of a mapping entry, not its value. */
export type Locator = (path: JsonPath, target?: 'key' | 'value') => Position;

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
  return (path, target = 'value') => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        keyNode = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        const item = node.items[segment];
        node = isPair(item) ? item.key : item;
      } else break;
    }
    const chosen = target === 'key' && keyNode ? keyNode : (node as Node | null | undefined);
    return at(chosen?.range?.[0]);
  };
}
