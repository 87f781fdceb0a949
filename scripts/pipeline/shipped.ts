import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICIES } from '../../policies/index.js';
import { lawOf, transferDataFile, type Jurisdiction, type Law } from '../engine/jurisdiction.js';
import { importRule } from '../importer/rules.js';
import { BUILTIN_POLICIES } from '../registry/rules.js';
import { lazyLocator } from '../registry/parse-yaml.js';
import { packageRoot } from '../paths.js';
import type { Setup } from './check.js';

/** Where each law's transfer facts live: one file per law, named after its id, under one schema. */
export const TRANSFERS_DIR = 'policies/data/transfers';

let laws: readonly Law[] | undefined;

/** Every law the package ships facts for, read once; findings about a data file point at its lines. */
export function shippedLaws(): readonly Law[] {
  laws ??= readdirSync(join(packageRoot, TRANSFERS_DIR))
    .filter((name) => name.endsWith('.json'))
    // The EU GDPR first, as it was alone before: words that name every law's basis for an id start with it.
    .sort((a, b) => Number(b === 'eu-gdpr.json') - Number(a === 'eu-gdpr.json') || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const text = readFileSync(join(packageRoot, TRANSFERS_DIR, name), 'utf8');
      const data = JSON.parse(text) as Jurisdiction;
      // JSON is YAML: the yaml parser gives the positions JSON.parse does not, but only a finding needs them.
      return lawOf(data, { file: transferDataFile(data.id), locate: lazyLocator(text) });
    });
  return laws;
}

/** The shipped policies, built-in policies and laws: what the CLI, the bot and the release run with. */
export function shippedSetup(): Setup {
  return { policies: POLICIES, builtins: [...BUILTIN_POLICIES, importRule], laws: shippedLaws() };
}
