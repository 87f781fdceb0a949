import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Law } from '../engine/jurisdiction.js';
import type { CountryList } from '../generated/countries.js';
import { COUNTRIES_FILE, PLACE_PATTERN } from '../registry/places.js';
import { DATA_CATEGORIES_FILE, DATA_SUBJECTS_FILE, readVocabulary } from '../registry/data-vocabulary.js';
import type { EditorSchemaKind } from '../registry/schema-ref.js';
import { SCHEMA_FILES } from '../registry/schemas.js';

/*
 * The editor schemas (schemas/editor/*.schema.json) are the validation schemas made into a first reviewer for
 * yaml-language-server: every reference inlined (the validation schemas refer to each other by https $id, which an
 * offline editor cannot fetch), places and countries as an enum with their names, transfer mechanisms with their
 * legal basis in words and without the invalidated ones, and a message in words for every pattern, format and `not`
 * (yaml-language-server would otherwise show the raw regular expression, "RFC3339", or "Matches a schema that is
 * not allowed"). The CLI never reads them: Ajv validates with the schemas they come from, and the policies say the
 * rest. Keywords used are the ones yaml-language-server reads: errorMessage, patternErrorMessage, enumDescriptions.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const COMMON_FILE = 'schemas/common.schema.json';

/** What a contributor reads when a value misses one of the schemas' patterns. Every pattern must have an entry. */
const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$':
    'Write an id in lower case: letters, digits and single hyphens between words, like google-cloud (no spaces, capitals or underscores).',
  '^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|https?://[^\\s/]+\\.[^\\s]+)$':
    'Write an email address (privacy@example.com) or a web address starting with https:// (https://example.com/privacy).',
  '^https?://[^\\s/]+\\.[^\\s]+$': 'Write a full web address starting with https://, for example https://example.com/dpa.',
  '^https://[^\\s/]+\\.[^\\s]+/$':
    "Write the page's address starting with https:// and ending in /, for example https://acme.github.io/privacy/.",
};

const DATE_MESSAGE = 'Write the date as YYYY-MM-DD, for example 2026-03-01.';

/** Words for the values of the smaller enums, in the order the schema lists them. */
const ENUM_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: {
    active: 'Processes personal data now, or will from its `since` date.',
    retired: 'No longer processes personal data; kept for history. Needs a `retired:` block with `on` and `reason`.',
  },
  role: {
    controller: 'Decides why and how its users’ data is processed; lists its subprocessors for its users.',
    processor: 'Processes data for its customers (the controllers), who are told of each sub-processor and may object (GDPR Art. 28(2)).',
  },
  transferScope: {
    establishment: "All data processed in the context of the controller's establishment counts, wherever users live (GDPR Art. 3(1)).",
    'users-in-zone': "Only the data of users inside the law's zone counts (GDPR Art. 3(2)).",
  },
};

/** The policies map's severities. */
const SEVERITY_WORDS: Readonly<Record<string, string>> = {
  error: 'Fails the check and blocks the pull request.',
  warning: 'Reported, does not fail the check unless --fail-on warning.',
  info: 'Reported for information only.',
  off: 'Not run.',
};

function readJson(root: string, file: string): Node {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as Node;
}

function isNode(value: Json | undefined): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies a schema with every $ref replaced by what it points at; the referring node's own keywords win. */
function inline(value: Json, documents: Readonly<Record<string, Node>>, current: string): Json {
  if (Array.isArray(value)) return value.map((item) => inline(item, documents, current));
  if (!isNode(value)) return value;
  const out: Node = {};
  const ref = value.$ref;
  if (typeof ref === 'string') {
    const [file, pointer = ''] = ref.split('#');
    const document = file ? file : current;
    let target: Json | undefined = documents[document];
    for (const segment of pointer.split('/').filter(Boolean)) target = isNode(target) ? target[segment] : undefined;
    if (!isNode(target)) throw new Error(`editor schema: cannot resolve $ref ${ref} in ${current}`);
    Object.assign(out, inline(target, documents, document));
  }
  for (const [key, child] of Object.entries(value)) {
    if (key !== '$ref') out[key] = inline(child, documents, current);
  }
  return out;
}

/** The place codes, each with its name: every ISO 3166-1 alpha-2 code, then the regions. */
function places(countries: CountryList): { codes: string[]; words: string[] } {
  const codes = countries.countries.map((c) => c.code);
  const words = countries.countries.map((c) => c.name);
  for (const region of countries.regions) {
    codes.push(region.code);
    words.push(`Region: ${region.name}${region.note ? ` (vague: ${region.note})` : ''}`);
  }
  return { codes, words };
}

const PLACE_MESSAGE =
  'Not a place code. Write an ISO 3166-1 country code in capitals (DE for Germany, GB for the United Kingdom, GR for Greece) or a region: EEA, EU, EUROPE, NORTH_AMERICA, WORLD.';
const COUNTRY_MESSAGE =
  'Not a country code. Write the ISO 3166-1 code of the country, in capitals: FR for France, DE for Germany, GB for the United Kingdom.';

/** The mechanism ids the editor offers (none invalidated by a shipped law), each with its legal basis in words. */
function mechanisms(all: readonly string[], laws: readonly Law[]): { codes: string[]; words: string[]; message: string } {
  const codes: string[] = [];
  const words: string[] = [];
  const struckDown: string[] = [];
  for (const id of all) {
    const invalidations = laws.flatMap((law) => {
      const invalidation = law.invalidation(id);
      return invalidation
        ? [`${id} (${invalidation.name}) was invalidated on ${invalidation.invalidatedOn} by ${invalidation.judgment}`]
        : [];
    });
    if (invalidations.length > 0) {
      // Several laws record the same judgment: the editor names it once.
      struckDown.push(...new Set(invalidations));
      continue;
    }
    const bases = laws.flatMap((law) => {
      if (id === 'none')
        return [`No international transfer: the place is inside the ${law.zone} (${law.name}), so no mechanism is needed.`];
      const basis = law.basis(id);
      if (!basis) return [];
      const framework = law.framework(id);
      const limits = [
        framework ? `for ${framework.country} only; ${framework.note ?? 'under the framework'}` : '',
        basis.occasionalOnly ? 'occasional transfers only' : '',
      ]
        .filter(Boolean)
        .join('; ');
      return [`${basis.name[0]?.toUpperCase() ?? ''}${basis.name.slice(1)}, ${law.name} ${basis.article}${limits ? `: ${limits}` : ''}.`];
    });
    if (bases.length === 0) throw new Error(`editor schema: no shipped law says what the mechanism "${id}" is`);
    codes.push(id);
    words.push(bases.join(' '));
  }
  const message = `Not a transfer mechanism. Write one of: ${codes.join(', ')}.${struckDown.length > 0 ? ` ${struckDown.join('; ')}: data that relied on one of them needs another mechanism, such as scc or dpf.` : ''}`;
  return { codes, words, message };
}

interface Vocabulary {
  readonly places: { codes: string[]; words: string[] };
  readonly countries: { codes: string[]; words: string[] };
  readonly mechanisms: { codes: string[]; words: string[]; message: string };
  readonly terms: Readonly<Record<string, { codes: string[]; words: string[]; message: string }>>;
}

/** A controlled vocabulary's ids, each with its title and what it covers; the special ones say which article. */
function terms(root: string, file: string, what: string): { codes: string[]; words: string[]; message: string } {
  const list = readVocabulary(file, root).terms;
  const codes = list.map((term) => term.id);
  const words = list.map((term) => {
    const special =
      term.special === 'art-9'
        ? ' Special category (GDPR Art. 9).'
        : term.special === 'art-10'
          ? ' Criminal offence data (GDPR Art. 10).'
          : '';
    return `${term.title}: ${term.description}${special}`;
  });
  return { codes, words, message: `Not a ${what} id. Write one of: ${codes.join(', ')} (${file}).` };
}

/** Adds completion and messages in words to one inlined schema node, then to its children. */
function annotate(node: Node, key: string, vocabulary: Vocabulary): Node {
  const out: Node = {};
  for (const [name, child] of Object.entries(node)) {
    if (name === 'properties' && isNode(child)) {
      const properties: Node = {};
      for (const [property, schema] of Object.entries(child))
        properties[property] = isNode(schema) ? annotate(schema, property, vocabulary) : schema;
      out[name] = properties;
    } else if (isNode(child)) out[name] = annotate(child, name === 'items' ? key : name, vocabulary);
    else if (Array.isArray(child) && ['allOf', 'anyOf', 'oneOf'].includes(name))
      out[name] = child.map((item) => (isNode(item) ? annotate(item, key, vocabulary) : item));
    else out[name] = child;
  }
  if (out.pattern === PLACE_PATTERN) {
    delete out.pattern;
    Object.assign(out, { enum: vocabulary.places.codes, enumDescriptions: vocabulary.places.words, errorMessage: PLACE_MESSAGE });
  } else if (key === 'country' && out.pattern === '^[A-Z]{2}$') {
    delete out.pattern;
    Object.assign(out, { enum: vocabulary.countries.codes, enumDescriptions: vocabulary.countries.words, errorMessage: COUNTRY_MESSAGE });
  } else if (out.title === 'TransferMechanism') {
    const { codes, words, message } = vocabulary.mechanisms;
    Object.assign(out, { enum: codes, enumDescriptions: words, errorMessage: message });
  } else if (typeof out.title === 'string' && vocabulary.terms[out.title]) {
    const { codes, words, message } = vocabulary.terms[out.title] ?? { codes: [], words: [], message: '' };
    Object.assign(out, { enum: codes, enumDescriptions: words, errorMessage: message });
  } else if (typeof out.pattern === 'string') {
    const message = PATTERN_MESSAGES[out.pattern];
    if (!message) throw new Error(`editor schema: the pattern ${out.pattern} (at ${key}) needs a message in words in PATTERN_MESSAGES`);
    out.patternErrorMessage = message;
  }
  if (out.format === 'date') out.errorMessage = DATE_MESSAGE;
  const words = ENUM_WORDS[key];
  if (words && Array.isArray(out.enum))
    out.enumDescriptions = out.enum.map((value) => (typeof value === 'string' ? words[value] : undefined) ?? '');
  if (key === 'additionalProperties' && Array.isArray(out.enum))
    out.enumDescriptions = out.enum.map((value) => (typeof value === 'string' ? SEVERITY_WORDS[value] : undefined) ?? '');
  return out;
}

/**
 * yaml-language-server words a failed `not` as "Matches a schema that is not allowed" whatever the schema says;
 * `{ not: { required: [K] } }` means K must be absent, which a `false` property says with a message of our own.
 */
function withoutNot(node: Node, message: string): Node {
  const not = node.not;
  if (!isNode(not)) return node;
  const required = not.required;
  if (!Array.isArray(required) || Object.keys(not).length !== 1)
    throw new Error('editor schema: only { not: { required: [...] } } can be worded');
  const rest = { ...node };
  delete rest.not;
  return {
    ...rest,
    properties: Object.fromEntries(required.filter((k) => typeof k === 'string').map((k) => [k, false])),
    errorMessage: message,
  };
}

/** The words for the two `not`s of a location: `mechanism` beside `mechanisms`, and none among `mechanisms`. */
const EITHER_MESSAGE =
  'Write mechanism (one) or mechanisms (several, in the order of preference), not both: remove mechanism and keep the list, or the other way round.';
const NONE_LISTED_MESSAGE =
  'none (no international transfer) cannot be listed: write mechanism: none alone, or list the mechanisms that cover this place.';

/**
 * The other two `not`s, in shapes yaml-language-server can word: "not both a and b" becomes "if b, then no a",
 * and "no item equals x" becomes the items' enum without x, each with its message.
 */
function wordNots(value: Json): Json {
  if (Array.isArray(value)) return value.map(wordNots);
  if (!isNode(value)) return value;
  const out: Node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, wordNots(child)]));
  const not = out.not;
  if (!isNode(not)) return out;
  const required = not.required;
  const excluded = isNode(not.contains) ? not.contains.const : undefined;
  if (Array.isArray(required) && required.length === 2 && Object.keys(not).length === 1 && !('if' in out)) {
    const [first, second] = required;
    if (typeof first !== 'string' || typeof second !== 'string') return out;
    delete out.not;
    out.if = { required: [second] };
    out.then = { properties: { [first]: false }, errorMessage: EITHER_MESSAGE };
  } else if (typeof excluded === 'string' && Object.keys(not).length === 1 && isNode(out.items) && Array.isArray(out.items.enum)) {
    const items = out.items;
    const enumValues = items.enum as Json[];
    const keep = enumValues.map((v) => v !== excluded);
    const descriptions = Array.isArray(items.enumDescriptions) ? items.enumDescriptions : undefined;
    const allowed = enumValues.filter((_, i) => keep[i]);
    delete out.not;
    out.items = {
      ...items,
      enum: allowed,
      ...(descriptions ? { enumDescriptions: descriptions.filter((_, i) => keep[i]) } : {}),
      errorMessage: `Not a transfer mechanism to list. Write one of: ${allowed.map(String).join(', ')}. ${NONE_LISTED_MESSAGE}`,
    };
  }
  return out;
}

function assertNoNot(value: Json, path: string): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) assertNoNot(item, `${path}/${index}`);
  } else if (isNode(value)) {
    if ('not' in value) throw new Error(`editor schema: ${path} uses "not", which yaml-language-server cannot word`);
    for (const [key, child] of Object.entries(value)) assertNoNot(child, `${path}/${key}`);
  }
}

/** The editor schema of one kind of registry file, as JSON text; stable for given schemas and data. */
export function renderEditorSchema(root: string, kind: EditorSchemaKind, laws: readonly Law[]): string {
  const documents: Record<string, Node> = {
    'common.schema.json': readJson(root, COMMON_FILE),
    'subprocessor.schema.json': readJson(root, SCHEMA_FILES.subprocessor),
    'registry.schema.json': readJson(root, SCHEMA_FILES.registry),
  };
  const file = `${kind}.schema.json`;
  const source = documents[file];
  if (!source) throw new Error(`editor schema: no schema ${file}`);
  const countryList = JSON.parse(readFileSync(join(root, COUNTRIES_FILE), 'utf8')) as CountryList;
  const mechanismIds = ((documents['subprocessor.schema.json']?.$defs as Node).mechanism as Node).enum as string[];
  const vocabulary: Vocabulary = {
    places: places(countryList),
    countries: { codes: countryList.countries.map((c) => c.code), words: countryList.countries.map((c) => c.name) },
    mechanisms: mechanisms(mechanismIds, laws),
    terms: {
      DataCategory: terms(root, DATA_CATEGORIES_FILE, 'data category'),
      DataSubject: terms(root, DATA_SUBJECTS_FILE, 'data subject'),
    },
  };
  const body = inline(source, documents, file) as Node;
  delete body.$id;
  delete body.$defs;
  let schema = annotate(body, '', vocabulary);
  if (isNode(schema.then) && Array.isArray(schema.then.required) && schema.then.required.includes('retired')) {
    schema.then = { ...schema.then, errorMessage: 'A retired vendor needs a retired: block with on (the date it stopped) and reason.' };
  }
  if (isNode(schema.else)) {
    schema.else = withoutNot(schema.else, 'Only a retired vendor has a retired: block. Set status: retired, or remove the block.');
  }
  schema = wordNots(schema) as Node;
  assertNoNot(schema, file);
  schema = {
    $schema: schema.$schema ?? null,
    $comment: `Generated from ${SCHEMA_FILES[kind]} by npm run gen:editor-schemas, for editors (yaml-language-server): completion and messages in words. Do not edit; the CLI validates with ${SCHEMA_FILES[kind]}.`,
    ...schema,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
