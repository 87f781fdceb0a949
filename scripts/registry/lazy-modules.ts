import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

// The modules subproc loads on first use rather than at start-up, behind one door: the GitHub Action's bundle
// (scripts/tools/build-action.ts) swaps this file for one that hands out the same modules from inside the bundle,
// since an action runs without node_modules or build/. Keep the two in step: the bundle's test runs every path.

const require = createRequire(import.meta.url);

/** The languages whose country names the importer and the place suggestions read (i18n-iso-countries' locales). */
export const PLACE_NAME_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'sv'] as const;

/** A locale's country names as i18n-iso-countries ships them: the JSON file alone, not the library's code. */
export type LocaleModuleId = `i18n-iso-countries/langs/${(typeof PLACE_NAME_LOCALES)[number]}.json`;

export const LOCALE_MODULES: readonly LocaleModuleId[] = PLACE_NAME_LOCALES.map((locale): LocaleModuleId => `i18n-iso-countries/langs/${locale}.json`);

/**
 * The modules loaded on demand: the full YAML library, the Ajv compiler with its formats, and the country names in
 * nine languages (read only when a place must be mapped or suggested, not by every run).
 */
export type LazyModuleId = 'yaml' | 'ajv/dist/2020' | 'ajv-formats' | LocaleModuleId;

export function lazyRequire(id: LazyModuleId): unknown {
  return require(id);
}

/** Where the build writes the precompiled validators (Ajv standalone code, CommonJS: it calls require()). */
export const VALIDATORS_DIR = join('build', 'validators');

/** The precompiled validator module of a schema kind, when the build made one; the caller checks its digest. */
export function precompiledModule(kind: string): unknown {
  const file = join(packageRoot, VALIDATORS_DIR, `${kind}.cjs`);
  return existsSync(file) ? require(file) : undefined;
}
