import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES_FILE, DATA_SUBJECTS_FILE, readVocabulary, type VocabularyFile } from '../scripts/registry/data-vocabulary.js';
import { ROOT } from './helpers/run-cli.js';

function json(file: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
}

const validate = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv, ['date']);
  return ajv.compile(json('schemas/vocabulary.schema.json') as object);
})();

const common = json('schemas/common.schema.json') as { $defs: Record<string, { enum?: string[] }> };

/** GDPR Art. 9(1) and Art. 10, as the categories that must be marked. */
const ART_9 = [
  'health',
  'genetic',
  'biometric',
  'racial-ethnic-origin',
  'political-opinions',
  'religious-beliefs',
  'trade-union-membership',
  'sex-life',
];

describe.each([
  { file: DATA_CATEGORIES_FILE, def: 'dataCategory', namespace: 'https://w3id.org/dpv/pd#' },
  { file: DATA_SUBJECTS_FILE, def: 'dataSubject', namespace: 'https://w3id.org/dpv#' },
])('$file', ({ file, def, namespace }) => {
  const vocabulary = readVocabulary(file, ROOT);

  it('is valid under schemas/vocabulary.schema.json', () => {
    expect(validate(vocabulary), JSON.stringify(validate.errors)).toBe(true);
  });

  it('maps every id, once, to a DPV concept of the right namespace', () => {
    const ids = vocabulary.terms.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const term of vocabulary.terms) expect(term.dpv, term.id).toMatch(new RegExp(`^${namespace.replace(/[.#/]/g, '\\$&')}[A-Z]\\w+$`));
  });

  it('is the enum of common.schema.json, in the same order (the schema reports unknown ids with a suggestion)', () => {
    expect(common.$defs[def]?.enum).toEqual(vocabulary.terms.map((t) => t.id));
  });
});

describe('special categories', () => {
  const categories: VocabularyFile = readVocabulary(DATA_CATEGORIES_FILE, ROOT);
  const special = (value: string) => categories.terms.filter((t) => t.special === value).map((t) => t.id);

  it('marks every Art. 9(1) category art-9, and only those', () => {
    expect(special('art-9').sort()).toEqual([...ART_9].sort());
  });

  it('marks criminal convictions and offences art-10', () => {
    expect(special('art-10')).toEqual(['criminal-convictions']);
  });

  it('the schema rejects a special category without a DPV concept, and an unknown mark', () => {
    const broken = { ...categories, terms: [{ id: 'health', title: 'Health', description: 'x', special: 'art-9' }] };
    expect(validate(broken)).toBe(false);
    const marked = {
      ...categories,
      terms: [{ id: 'x', title: 'X', description: 'x', dpv: 'https://w3id.org/dpv/pd#X', special: 'art-11' }],
    };
    expect(validate(marked)).toBe(false);
  });
});
