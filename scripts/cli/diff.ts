import { resolve } from 'node:path';
import type { Release } from '../generated/release.js';
import { BoundedReadError, describeReadProblem, READ_LIMITS, readBounded } from '../release/bounded-read.js';
import { diffReleases, renderDiffText } from '../release/diff.js';
import { assertUniqueIds, parseReleaseBytes, readReleaseFiles, ReleaseDataError, type ReleaseFiles } from '../release/read-release.js';
import { VerifyError, verifyRelease } from '../release/verify.js';
import { parseCommandArgs } from './args.js';
import { DIFF_HELP } from './help.js';
import { EXIT, UsageError, type ExitCode, type Io } from './io.js';

type Side = 'OLD' | 'NEW';

/** A refusal to compare: which side, and why. Printed by the command, exit 1 (the data, not the call, is wrong). */
class Refusal extends Error {}

async function readSide(io: Io, side: Side, path: string): Promise<ReleaseFiles> {
  try {
    return await readReleaseFiles(resolve(io.cwd, path));
  } catch (error) {
    if (error instanceof BoundedReadError)
      throw new UsageError(
        `diff: cannot read the ${side} release ${error.path}: ${describeReadProblem(error.problem)}`,
        'Give a release folder (as subproc release writes it) or its subprocessors.json.',
      );
    throw error;
  }
}

/**
 * The side's document, verified with the trusted key when one is given. An expired release is still compared (a
 * diff looks at history; an old release has expired by design) with a warning; any other failure refuses.
 */
function documentOf(io: Io, side: Side, files: ReleaseFiles, publicKey: string | undefined): Release {
  if (publicKey === undefined) return parseReleaseBytes(files.file, files.bytes);
  if (files.signature === undefined)
    throw new Refusal(`${side} release ${files.file} is not signed: ${files.signatureFile} does not exist`);
  try {
    const { doc } = verifyRelease({ file: files.bytes, signature: files.signature, publicKey, now: new Date() });
    assertUniqueIds(files.file, files.bytes, doc);
    return doc;
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    if (error.code !== 'expired') throw new Refusal(`${side} release ${files.file} failed verification (${error.code}): ${error.message}`);
    // Expiry is the last check verifyRelease makes: key, signatures, trusted comment and schema all held.
    io.stderr.write(`warning: ${side} release ${files.file} has expired (an old release does, by design); compared all the same\n`);
    return parseReleaseBytes(files.file, files.bytes);
  }
}

export async function diffCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('diff', args, {
    pubkey: { type: 'string' },
    format: { type: 'string' },
    'exit-code': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(DIFF_HELP);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`diff: --format must be text or json, not "${format}"`, 'See: subproc diff --help');
  const [oldPath, newPath, ...extra] = positionals;
  if (oldPath === undefined || newPath === undefined || extra.length > 0)
    throw new UsageError('diff: give two releases: subproc diff OLD NEW [--pubkey KEY]', 'See: subproc diff --help');

  let publicKey: string | undefined;
  if (values.pubkey !== undefined) {
    try {
      publicKey = (await readBounded(resolve(io.cwd, values.pubkey), READ_LIMITS.publicKey)).toString('utf8');
    } catch (error) {
      if (error instanceof BoundedReadError)
        throw new UsageError(`diff: cannot read the public key ${values.pubkey}: ${describeReadProblem(error.problem)}`);
      throw error;
    }
  }
  const oldFiles = await readSide(io, 'OLD', oldPath);
  const newFiles = await readSide(io, 'NEW', newPath);

  let oldDoc: Release;
  let newDoc: Release;
  try {
    oldDoc = documentOf(io, 'OLD', oldFiles, publicKey);
    newDoc = documentOf(io, 'NEW', newFiles, publicKey);
  } catch (error) {
    if (error instanceof Refusal) {
      io.stderr.write(`subproc: diff: REFUSED: ${error.message}\n  Nothing was compared: get the release again from its publisher.\n`);
      return EXIT.findings;
    }
    if (error instanceof ReleaseDataError) {
      const side: Side = error.file === oldFiles.file ? 'OLD' : 'NEW';
      io.stderr.write(
        `subproc: diff: ${side} release ${error.message}\n  Give the subprocessors.json of a release as subproc release wrote it.\n`,
      );
      return EXIT.findings;
    }
    throw error;
  }
  if (publicKey === undefined)
    io.stderr.write("note: the releases were not verified (no --pubkey): pass the publisher's key to check their signatures first\n");

  const diff = diffReleases(oldDoc, newDoc, { verified: publicKey !== undefined, sources: { old: oldPath, new: newPath } });
  if (diff.oldIsNewer)
    io.stderr.write(
      `warning: OLD (${diff.old.version}) is newer than NEW (${diff.new.version}): the changes below go back from ${diff.old.version} to ${diff.new.version}\n`,
    );
  io.stdout.write(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffText(diff));
  return values['exit-code'] === true && diff.changed ? EXIT.findings : EXIT.ok;
}
