import { lazyRequire } from './lazy-modules.js';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

/**
 * The full YAML library, loaded on first use. Loading it costs about 40 ms, a third of Node's own start-up, and a
 * run on plain registry files never needs it: the simple reader reads them and the locator finds positions.
 */
export function yamlLibrary(): YamlLibrary {
  library ??= lazyRequire('yaml') as YamlLibrary;
  return library;
}
