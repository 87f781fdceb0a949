import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataCategory, DataSubject } from '../generated/subprocessor.js';
import { packageRoot } from '../paths.js';

export const DATA_CATEGORIES_FILE = 'policies/data/data-categories.json';
export const DATA_SUBJECTS_FILE = 'policies/data/data-subjects.json';

/** One term of a controlled vocabulary, as schemas/vocabulary.schema.json describes it. */
export interface VocabularyTerm {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly dpv: string;
  readonly dpvMatch?: 'exact' | 'broader';
  readonly special?: 'art-9' | 'art-10';
  readonly unverified?: true;
}

export interface VocabularyFile {
  readonly description: string;
  readonly source: string;
  readonly checkedOn: string;
  readonly terms: readonly VocabularyTerm[];
}

const cache = new Map<string, VocabularyFile>();

/** A vocabulary file, read once. The schema's enums hold registry files to its ids, so a lookup here never misses for a loaded file. */
export function readVocabulary(file: string, root = packageRoot): VocabularyFile {
  const key = join(root, file);
  let vocabulary = cache.get(key);
  if (!vocabulary) {
    vocabulary = JSON.parse(readFileSync(key, 'utf8')) as VocabularyFile;
    cache.set(key, vocabulary);
  }
  return vocabulary;
}

function termOf(file: string, id: string): VocabularyTerm | undefined {
  return readVocabulary(file).terms.find((term) => term.id === id);
}

export function dataCategory(id: DataCategory): VocabularyTerm | undefined {
  return termOf(DATA_CATEGORIES_FILE, id);
}

export function dataSubject(id: DataSubject): VocabularyTerm | undefined {
  return termOf(DATA_SUBJECTS_FILE, id);
}

/** A category's words, with its special status named: "Health data (Art. 9)". */
export function categoryLabel(id: DataCategory): string {
  const term = dataCategory(id);
  if (!term) return id;
  return term.special ? `${term.title} (${term.special === 'art-9' ? 'Art. 9' : 'Art. 10'})` : term.title;
}

export function subjectLabel(id: DataSubject): string {
  return dataSubject(id)?.title ?? id;
}

/**
 * The categories processed at one location: the location's own list replaces the vendor's (a place that only
 * stores contact data says so even when the vendor handles health data elsewhere); without one, the vendor's.
 */
export function categoriesAt(
  sub: { readonly dataCategories?: readonly DataCategory[] },
  location: { readonly dataCategories?: readonly DataCategory[] },
): readonly DataCategory[] {
  return location.dataCategories ?? sub.dataCategories ?? [];
}
