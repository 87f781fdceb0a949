import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isSeq, isScalar, visit } from 'yaml';
import { packageRoot } from '../paths.js';
import { SCHEMA_FILES } from './schemas.js';

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string; $defs?: Record<string, SchemaNode> };

/** Puts keys in the order the schema declares them, so every file reads the same way and diffs stay small. */
function ordered(value: unknown, node: SchemaNode | undefined, root: SchemaNode): unknown {
  const resolved = node?.$ref?.startsWith('#/$defs/') ? root.$defs?.[node.$ref.slice('#/$defs/'.length)] : node;
  if (Array.isArray(value)) return value.map((item) => ordered(item, resolved?.items, root));
  if (value === null || typeof value !== 'object') return value;
  const input = value as Record<string, unknown>;
  const keys = Object.keys(resolved?.properties ?? {});
  const out: Record<string, unknown> = {};
  for (const key of [...keys, ...Object.keys(input).filter((k) => !keys.includes(k))]) {
    if (input[key] !== undefined) out[key] = ordered(input[key], resolved?.properties?.[key], root);
  }
  return out;
}

const schemaCache = new Map<string, SchemaNode>();

function schemaOf(kind: 'subprocessor' | 'registry'): SchemaNode {
  let node = schemaCache.get(kind);
  if (!node) {
    node = JSON.parse(readFileSync(join(packageRoot, SCHEMA_FILES[kind]), 'utf8')) as SchemaNode;
    schemaCache.set(kind, node);
  }
  return node;
}

/**
 * Serialises a registry file the way the shipped registry is written: the schema comment first, keys in schema
 * order, short lists of codes in flow style ([US]), no line folding.
 */
export function registryYaml(kind: 'subprocessor' | 'registry', value: unknown, schemaPath: string): string {
  const schema = schemaOf(kind);
  const doc = new Document(ordered(value, schema, schema));
  visit(doc, {
    Seq(_key, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item) && /^[A-Z_]+$/.test(String(item.value)))) node.flow = true;
    },
  });
  return `# yaml-language-server: $schema=${schemaPath}\n${doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false })}`;
}
