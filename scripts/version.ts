import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

interface PackageJson {
  version: string;
  repository: { url: string };
}

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;

export const version = pkg.version;

/**
 * owner/name of the repository that hosts the action and the reusable workflow, from package.json's `repository`, so
 * that what `subproc init` writes (`uses: OWNER/NAME@vX.Y.Z`) names the release the installed package came from.
 */
export const actionRepository = pkg.repository.url.replace(/^(git\+)?https:\/\/github\.com\//, '').replace(/\.git$/, '');

/** The tag an adopter's workflow pins: the release of this exact version. */
export const actionRef = `${actionRepository}@v${version}`;
