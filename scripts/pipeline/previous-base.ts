import type { Release } from '../generated/release.js';
import { gitSource } from '../registry/git-source.js';
import { git } from '../registry/git.js';
import { SETTINGS_FILE, SETTINGS_SCHEMA_REF, SUBPROCESSOR_SCHEMA_REF, SUBPROCESSORS_DIR } from '../registry/layout.js';
import { memorySource } from '../registry/memory-source.js';
import type { RegistrySource } from '../registry/source.js';
import { registryYaml } from '../registry/write-yaml.js';
import { registryEntry } from '../release/release-doc.js';

/**
 * The base a release is built against: the previous release. Its source commit when this repository holds it (the
 * registry as it was), else the registry written back from the release document itself, which lists every
 * subprocessor, retired ones included. Either way vendor-removed and the notice policy see what changed since the
 * last list customers were given: a deleted vendor can no longer build as "Removed …".
 */
export async function previousReleaseBase(
  previous: Release,
  dir: string,
  cwd: string,
): Promise<{ readonly source: RegistrySource; readonly label: string }> {
  const commit = previous.source.commit;
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) {
    const found = await git(['cat-file', '-e', '--end-of-options', `${commit}^{commit}`], cwd).catch(() => undefined);
    if (found?.code === 0) return { source: gitSource(commit, dir, cwd), label: `release ${previous.version} (${commit.slice(0, 12)})` };
  }
  const files: Record<string, string> = {
    [SETTINGS_FILE]: registryYaml(
      'registry',
      { controller: previous.controller, noticePeriodDays: previous.noticePeriodDays, categories: previous.categories },
      SETTINGS_SCHEMA_REF,
    ),
  };
  // Each entry as the registry wrote it: without the fields the release date gave it (schema 1.1.0).
  for (const entry of previous.subprocessors)
    files[`${SUBPROCESSORS_DIR}/${entry.id}.yaml`] = registryYaml('subprocessor', registryEntry(entry), SUBPROCESSOR_SCHEMA_REF);
  return { source: memorySource(files, dir), label: `release ${previous.version}` };
}
