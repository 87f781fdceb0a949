import { chmod, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatPublicKey, formatSecretKey, generateKeyPair, keyIdHex } from '../release/minisign.js';
import { PUBLIC_KEY_FILE } from '../release/artefacts.js';
import { SIGNING_KEY_ENV } from '../release/keys.js';
import { git } from '../registry/git.js';
import { parseCommandArgs } from './args.js';
import { KEYGEN_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

/** The real location of a path that may not exist yet: its nearest existing ancestor, links resolved. */
async function realLocation(path: string): Promise<string> {
  let dir = dirname(path);
  const rest = [basename(path)];
  for (;;) {
    try {
      return join(await realpath(dir), ...rest);
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return path;
      rest.unshift(basename(dir));
      dir = parent;
    }
  }
}

async function insideRepository(path: string, cwd: string): Promise<boolean> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd).catch(() => undefined);
  if (top?.code !== 0) return false;
  const root = await realpath(top.stdout.toString('utf8').trim());
  const rel = relative(root, await realLocation(path));
  // "..secret.key" is inside; only "..", "../x" or another drive are outside.
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

export async function keygenCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values } = parseCommandArgs('keygen', args, {
    out: { type: 'string' },
    'secret-file': { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(KEYGEN_HELP);
    return EXIT.ok;
  }
  const publicPath = join(resolve(io.cwd, values.out ?? 'keys'), PUBLIC_KEY_FILE);
  const existing = await readFile(publicPath, 'utf8').catch(() => undefined);
  if (existing !== undefined && !values.force) {
    throw new UsageError(
      `keygen: ${relative(io.cwd, publicPath)} already exists`,
      'Consumers pin that key: replacing it breaks their verification. Pass --force to replace it anyway.',
    );
  }
  const secretPath = values['secret-file'] !== undefined ? resolve(io.cwd, values['secret-file']) : undefined;
  if (secretPath && (await insideRepository(secretPath, io.cwd))) {
    throw new UsageError(
      'keygen: the secret key must not be written inside the repository',
      'Give a --secret-file outside it, or omit the option to print the key once.',
    );
  }
  const { publicKey, secretKey } = generateKeyPair();
  await mkdir(dirname(publicPath), { recursive: true });
  await writeFile(publicPath, formatPublicKey(publicKey));
  io.stderr.write(`wrote the public key ${relative(io.cwd, publicPath)} (key id ${keyIdHex(publicKey.keyId)}): commit it.\n`);
  if (secretPath) {
    await writeFile(secretPath, `${formatSecretKey(secretKey)}\n`, { mode: 0o600 });
    // The mode above applies only to a file writeFile creates; an existing one keeps its own.
    await chmod(secretPath, 0o600);
    io.stderr.write(`wrote the secret key to ${secretPath} (mode 600).\n`);
  } else {
    io.stderr.write(
      `The secret key follows, once: store it as the ${SIGNING_KEY_ENV} secret of the release environment. It is saved nowhere.\n`,
    );
    io.stdout.write(`${formatSecretKey(secretKey)}\n`);
  }
  return EXIT.ok;
}
