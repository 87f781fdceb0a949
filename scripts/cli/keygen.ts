import { constants } from 'node:fs';
import { lstat, mkdir, open, readlink, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatPublicKey, formatSecretKey, generateKeyPair, keyIdHex, type SecretKey } from '../release/minisign.js';
import { formatMinisignSecretKey } from '../release/minisign-secret-key.js';
import { PUBLIC_KEY_FILE } from '../release/artefacts.js';
import { SIGNING_KEY_ENV } from '../release/keys.js';
import { git } from '../registry/git.js';
import { parseCommandArgs } from './args.js';
import { KEYGEN_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

/** The work tree of the git repository a folder is in, links resolved; undefined outside git. */
async function workTreeOf(folder: string): Promise<string | undefined> {
  const top = await git(['rev-parse', '--show-toplevel'], folder).catch(() => undefined);
  if (top?.code !== 0) return undefined;
  const root = top.stdout.toString('utf8').trim();
  return root === '' ? undefined : realpath(root).catch(() => resolve(root));
}

/**
 * The folders a secret must stay out of: the repository of the working folder (git's top level, or the folder
 * itself outside git), and any git work tree the secret's own folder is in (keygen run from elsewhere must not
 * drop a secret into another repository either).
 */
async function forbiddenRoots(cwd: string, targetFolder: string): Promise<string[]> {
  const here = (await workTreeOf(cwd)) ?? (await realpath(cwd).catch(() => resolve(cwd)));
  const there = await workTreeOf(targetFolder);
  return there === undefined ? [here] : [here, there];
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // "..secret.key" is inside; only "..", "../x" or another drive are outside.
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Where the secret key will really be written, links followed (the file's own links and every folder above it),
 * after refusing what must not be written: a path inside the repository, an existing file without --force, a
 * folder, FIFO or device, a folder that does not exist.
 */
async function secretTarget(given: string, path: string, cwd: string, force: boolean): Promise<string> {
  const target = await realTarget(given, path, 0);
  const roots = await forbiddenRoots(cwd, dirname(target));
  if (roots.some((root) => isInside(root, target))) {
    throw new UsageError(
      'keygen: the secret key must not be written inside the repository',
      'Give a --secret-file outside it, or omit the option to print the key once.',
    );
  }
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isFile()) throw new UsageError(`keygen: --secret-file ${given} is ${kindOf(info)}, not a file for the key`);
  if (info && !force) {
    throw new UsageError(
      `keygen: --secret-file ${given} already exists: it may hold the key your releases are signed with`,
      'Choose another file, or pass --force to replace it (the key it holds is then lost).',
    );
  }
  return target;
}

/** The path a write would really reach: the file's own links followed (even to a file that does not exist yet), then its folder's. */
async function realTarget(given: string, path: string, depth: number): Promise<string> {
  const info = await lstat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UsageError(`keygen: cannot use --secret-file ${given} (${code ?? String(error)})`);
  });
  if (info?.isSymbolicLink()) {
    if (depth >= 40) throw new UsageError(`keygen: --secret-file ${given} is a loop of symbolic links`);
    return realTarget(given, resolve(dirname(path), await readlink(path)), depth + 1);
  }
  const folder = await realpath(dirname(path)).catch(() => {
    throw new UsageError(`keygen: the folder of --secret-file ${given} does not exist`, 'Create it first (outside the repository).');
  });
  return join(folder, basename(path));
}

/** The forms a secret key can be written in: subproc's one line (fit for a CI secret), or minisign's key file. */
const SECRET_FORMATS = {
  subproc: (secret: SecretKey) => `${formatSecretKey(secret)}\n`,
  minisign: formatMinisignSecretKey,
} as const;
type SecretFormat = keyof typeof SECRET_FORMATS;

function secretFormat(given: string | undefined): SecretFormat {
  if (given === undefined) return 'subproc';
  if (Object.hasOwn(SECRET_FORMATS, given)) return given as SecretFormat;
  throw new UsageError(`keygen: --format ${given} is not a key format`, `Use one of: ${Object.keys(SECRET_FORMATS).join(', ')}.`);
}

/** Writes the secret with mode 600, never through a link swapped in meanwhile, never over a file unless forced. */
async function writeSecret(target: string, given: string, text: string, force: boolean): Promise<void> {
  const flags =
    constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK | (force ? constants.O_TRUNC : constants.O_EXCL);
  let handle;
  try {
    handle = await open(target, flags, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`keygen: --secret-file ${given} appeared meanwhile: nothing was written`);
    if (code === 'ELOOP') throw new UsageError(`keygen: --secret-file ${given} became a symbolic link meanwhile: nothing was written`);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UsageError(`keygen: --secret-file ${given} is ${kindOf(info)}, not a file for the key`);
    // The mode given to open applies only to a file it creates; an existing one keeps its own until now.
    await handle.chmod(0o600);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function keygenCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values } = parseCommandArgs('keygen', args, {
    out: { type: 'string' },
    'secret-file': { type: 'string' },
    force: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(KEYGEN_HELP);
    return EXIT.ok;
  }
  const format = SECRET_FORMATS[secretFormat(values.format)];
  const publicPath = join(resolve(io.cwd, values.out ?? 'keys'), PUBLIC_KEY_FILE);
  const existing = await stat(publicPath).catch(() => undefined);
  if (existing && !existing.isFile())
    throw new UsageError(`keygen: ${relative(io.cwd, publicPath)} is ${kindOf(existing)}, not a key file`);
  if (existing && !values.force) {
    throw new UsageError(
      `keygen: ${relative(io.cwd, publicPath)} already exists`,
      'Consumers pin that key: replacing it breaks their verification. Pass --force to replace it anyway.',
    );
  }
  const given = values['secret-file'];
  const force = values.force === true;
  const secretPath = given !== undefined ? await secretTarget(given, resolve(io.cwd, given), io.cwd, force) : undefined;
  const { publicKey, secretKey } = generateKeyPair();
  // The secret first: if it cannot be written, the committed public key is left as it was.
  if (secretPath && given !== undefined) await writeSecret(secretPath, given, format(secretKey), force);
  await mkdir(dirname(publicPath), { recursive: true });
  await writeFile(publicPath, formatPublicKey(publicKey));
  io.stderr.write(`wrote the public key ${relative(io.cwd, publicPath)} (key id ${keyIdHex(publicKey.keyId)}): commit it.\n`);
  if (secretPath) {
    io.stderr.write(`wrote the secret key to ${secretPath} (mode 600).\n`);
  } else {
    io.stderr.write(
      `The secret key follows, once: store it as the ${SIGNING_KEY_ENV} secret of the release-signing environment. It is saved nowhere.\n`,
    );
    io.stdout.write(format(secretKey));
  }
  return EXIT.ok;
}
