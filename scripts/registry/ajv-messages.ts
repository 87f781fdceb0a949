import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject } from 'ajv';
import { withFix, type Diagnostic, type Fix, type JsonPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import { closest } from '../diagnostics/suggest.js';
import type { Locator } from './locate.js';
import { mechanismOf } from './mechanism-wording.js';
import { placeCodeOf } from './place-names.js';
import { UNKNOWN_COUNTRY } from './place-rule.js';
import { PLACE_PATTERN } from './places.js';
import { schema as rule } from './rules.js';

/** Every pattern the schemas use, in words; a test fails when a schema gains a pattern missing here. */

export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  [PLACE_PATTERN]:
    'a place code: an ISO 3166-1 alpha-2 country code in capitals (FR, US, GB) or a region (EEA, EU, EUROPE, NORTH_AMERICA, WORLD)',
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'a lower-case id of letters, digits and single hyphens (like google-ads)',
  '^[A-Z]{2}$': 'an ISO 3166-1 alpha-2 country code in capitals (like FR)',
  '^([A-Z]{2}|EEA|EU)$': 'an ISO 3166-1 alpha-2 country code in capitals (like FR), or the region EEA or EU',
  '^https?://[^\\s/]+\\.[^\\s]+$': 'a full web address (like https://example.com/dpa)',
  '^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|https?://[^\\s/]+\\.[^\\s]+)$':
    'an email address (like privacy@example.com) or a full web address (like https://example.com/privacy)',
  '^https://[^\\s/]+\\.[^\\s]+/$': 'an https:// address ending in / (like https://acme.github.io/privacy/)',
  '^\\d{4}-\\d{2}$': 'a month in the form YYYY-MM',
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$': 'a version number MAJOR.MINOR.PATCH (like 1.4.0)',
  '^([0-9a-f]{40}|[0-9a-f]{64}|uncommitted)$': 'a git commit id (40 or 64 hex digits) or "uncommitted"',
};

export const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: 'a date in the form YYYY-MM-DD (like 2025-03-31)',
  'date-time': 'a UTC instant in the form YYYY-MM-DDTHH:MM:SSZ',
  uri: 'a full web address (like https://example.com/dpa)',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  array: 'a list (lines starting with "- ")',
  object: 'a mapping (key: value lines)',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return typeof value === 'number' ? `the number ${value}` : `the value ${JSON.stringify(value)}`;
}

export function fieldName(path: JsonPath): string {
  if (path.length === 0) return 'the file';
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
}

const PLACE_FIELDS = new Set(['place', 'users', 'country']);

/** A value or key to write instead, and whether it is the one answer (then --fix writes it) or a guess. */
interface Suggestion {
  readonly text: string;
  readonly exact: boolean;
}

/**
 * People write places and mechanisms the way published pages do ("France", "Standard Contractual Clauses"); the
 * same vocabulary the importer uses turns those into the code to write. A name the vocabulary knows is exact; a
 * near miss of one ("Frnace") is a guess, as is any typo two candidates are equally close to.
 */
function domainSuggestion(path: JsonPath, value: string): Suggestion | undefined {
  const named = lastName(path);
  if (named === 'mechanism' || named === 'mechanisms') {
    const mechanism = mechanismOf(value);
    return mechanism === undefined ? undefined : { text: mechanism, exact: true };
  }
  if (named && PLACE_FIELDS.has(named)) {
    const match = placeCodeOf(value);
    if ('code' in match) return { text: match.code, exact: true };
    // A name two countries share (Congo) is no suggestion at all; a near miss is a guess, never a fix.
    return 'suggestedCode' in match && match.suggestedCode !== undefined ? { text: match.suggestedCode, exact: false } : undefined;
  }
  return undefined;
}

function nearest(word: string, candidates: readonly string[]): Suggestion | undefined {
  const found = closest(word, candidates);
  return found === undefined ? undefined : { text: found.best, exact: found.unique };
}

function lastName(path: JsonPath): string | undefined {
  return path.findLast((segment): segment is string => typeof segment === 'string');
}

interface Context {
  file: string;
  schemaFile: string;
  locate: Locator;
}

/** Turns one Ajv error into a diagnostic in a contributor's words, located at the offending node. */
function translate(error: ErrorObject, ctx: Context): Diagnostic | undefined {
  const path = pointerToPath(error.instancePath);
  const field = fieldName(path);
  const at = (p: JsonPath, target: 'key' | 'value' = 'value') => ({ file: ctx.file, path: p, ...ctx.locate(p, target) });
  const fix = (p: JsonPath, target: 'key' | 'value', suggestion: Suggestion): Fix | undefined =>
    suggestion.exact ? ctx.locate.replacement?.(p, target, suggestion.text) : undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'required': {
      const missing = String(params.missingProperty);
      if (error.schemaPath === '#/then/required' && missing === 'retired') return makeDiagnostic(rule, 'retired-missing', at(path));
      return makeDiagnostic(rule, 'required', at(path), { owner: field, field: missing, schemaFile: ctx.schemaFile });
    }
    case 'not': {
      if (error.schemaPath === '#/else/not') return makeDiagnostic(rule, 'retired-on-active', at([...path, 'retired'], 'key'));
      const forbidden = error.schema as { required?: unknown; contains?: { const?: unknown } } | undefined;
      if (isDeepStrictEqual(forbidden?.required, ['mechanism', 'mechanisms'])) {
        const location = (error.data ?? {}) as { mechanism?: unknown; mechanisms?: unknown };
        const listed = Array.isArray(location.mechanisms) ? location.mechanisms.map(String).join(', ') : '';
        return makeDiagnostic(rule, 'mechanism-and-mechanisms', at([...path, 'mechanism'], 'key'), {
          field,
          listed,
          single: String(location.mechanism),
        });
      }
      if (forbidden?.contains?.const === 'none' && Array.isArray(error.data)) {
        return makeDiagnostic(rule, 'none-in-mechanisms', at([...path, Math.max(0, error.data.indexOf('none'))]), { field });
      }
      return makeDiagnostic(rule, 'other', at(path), { field, detail: error.message ?? 'is not allowed' });
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = nearest(extra, allowed);
      const where = at([...path, extra], 'key');
      return suggestion
        ? withFix(
            makeDiagnostic(rule, 'unknown-field-suggest', where, { field: extra, owner: field, suggestion: suggestion.text }),
            fix([...path, extra], 'key', suggestion),
          )
        : makeDiagnostic(rule, 'unknown-field', where, { field: extra, owner: field, allowed: allowed.join(', ') });
    }
    case 'type':
      return makeDiagnostic(rule, 'type', at(path), {
        field,
        expected: String(params.type)
          .split(',')
          .map((t) => TYPE_WORDS[t] ?? t)
          .join(' or '),
        found: describeValue(error.data),
      });
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? (domainSuggestion(path, error.data) ?? nearest(error.data, allowed)) : undefined;
      const data = { field, allowed: allowed.join(', '), value: quote(error.data) };
      return suggestion
        ? withFix(makeDiagnostic(rule, 'enum-suggest', at(path), { ...data, suggestion: suggestion.text }), fix(path, 'value', suggestion))
        : makeDiagnostic(rule, 'enum', at(path), data);
    }
    case 'const':
      return makeDiagnostic(rule, 'enum', at(path), { field, allowed: String(params.allowedValue), value: quote(error.data) });
    case 'pattern': {
      const pattern = String(params.pattern);
      const expected = PATTERN_WORDS[pattern] ?? `text matching /${pattern}/`;
      const suggestion = typeof error.data === 'string' ? domainSuggestion(path, error.data) : undefined;
      const data = { field, value: quote(error.data), expected };
      // A place that is not a code is the unknown-country finding, whichever check meets it first.
      if (pattern === PLACE_PATTERN) {
        const where = at(path);
        return suggestion
          ? withFix(makeDiagnostic(UNKNOWN_COUNTRY, 'not-a-code-suggest', where, { ...data, suggestion: suggestion.text }), fix(path, 'value', suggestion))
          : makeDiagnostic(UNKNOWN_COUNTRY, 'not-a-code', where, data);
      }
      return suggestion
        ? withFix(makeDiagnostic(rule, 'pattern-suggest', at(path), { ...data, suggestion: suggestion.text }), fix(path, 'value', suggestion))
        : makeDiagnostic(rule, 'pattern', at(path), data);
    }
    case 'format': {
      const format = String(params.format);
      return makeDiagnostic(rule, 'format', at(path), { field, value: quote(error.data), expected: FORMAT_WORDS[format] ?? `a valid ${format}` });
    }
    case 'minLength':
      return makeDiagnostic(rule, 'too-short', at(path), { field });
    case 'maxLength':
      return makeDiagnostic(rule, 'too-long', at(path), { field, limit: Number(params.limit) });
    case 'minItems':
      return makeDiagnostic(rule, 'too-few', at(path), { field, limit: Number(params.limit) });
    case 'minProperties': {
      // An empty `when: {}` reads as "never" to some and "always" to others; the schema refuses it, in words.
      const fields = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const first = fields[0] ?? 'a field';
      return makeDiagnostic(rule, 'empty-mapping', at(path), {
        field,
        allowed: fields.map((f) => `"${f}"`).join(', '),
        example: `${field}: { ${first}: [...] }`,
      });
    }
    case 'uniqueItems':
      // Ajv counts from 0; people count list items from 1.
      return makeDiagnostic(rule, 'duplicate-item', at([...path, Number(params.i)]), {
        field,
        first: Number(params.j) + 1,
        second: Number(params.i) + 1,
      });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return makeDiagnostic(rule, 'range', at(path), {
        field,
        comparison: String(params.comparison),
        limit: Number(params.limit),
        value: quote(error.data),
      });
    default:
      return makeDiagnostic(rule, 'other', at(path), { field, detail: error.message ?? 'is invalid' });
  }
}

/**
 * For a value that matches no branch of an anyOf or oneOf, the errors of the branch it was meant for: the one whose
 * type it has (no type error at the value), and of those the one that fails deeper inside it. "uk-gpdr" written for
 * a law id gets the enum's did-you-mean, not "must be a mapping"; { id: uk-gpdr } gets the error at its id.
 */
function meantBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  for (const union of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${union.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(union.instancePath)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const atValue = (list: readonly ErrorObject[], keyword?: string) =>
      list.some((e) => e.instancePath === union.instancePath && (keyword === undefined || e.keyword === keyword));
    const score = (list: readonly ErrorObject[]) => (atValue(list, 'type') ? 2 : atValue(list) ? 1 : 0);
    const ranked = [...branches.values()].sort((a, b) => score(a) - score(b));
    for (const list of ranked.slice(1)) for (const e of list) drop.add(e);
    if (ranked.length > 0) drop.add(union);
  }
  return errors.filter((e) => !drop.has(e));
}

/**
 * Translates Ajv's errors for one file. A value of the wrong type also fails its other keywords; only the type
 * error is kept for that node, because that is the one to fix first.
 */
export function schemaDiagnostics(all: readonly ErrorObject[], ctx: Context): Diagnostic[] {
  const errors = meantBranches(all);
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'type' && wrongType.has(error.instancePath)) continue;
    const diagnostic = translate(error, ctx);
    if (!diagnostic) continue;
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}
