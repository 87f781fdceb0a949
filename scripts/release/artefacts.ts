import { createHash } from 'node:crypto';
import { renderAtom } from './atom.js';
import {
  ATOM_FILE,
  CHANGELOG_FILE,
  CHECKSUMS_FILE,
  CSV_FILE,
  FEED_FILE,
  PAGE_FILE,
  PUBLIC_KEY_FILE,
  RELEASE_FILE,
  SIGNATURE_FILE,
  type BuiltRelease,
} from './built-release.js';
import { canonicalJson } from './canonical-json.js';
import { renderPage } from './html-page.js';
import { renderCsv, renderMarkdown } from './render-list.js';

// The names and the built release live in built-release.ts, so that renderers can name the files beside theirs
// (the page links them all) without importing the table that imports them.
export {
  ATOM_FILE,
  CHANGELOG_FILE,
  CHECKSUMS_FILE,
  CSV_FILE,
  FEED_FILE,
  PAGE_FILE,
  PUBLIC_KEY_FILE,
  RELEASE_FILE,
  SIGNATURE_FILE,
  type BuiltRelease,
} from './built-release.js';

/**
 * The release's files, listed once. Build renders the rows it can render, `sign` makes the signatures of the rows
 * marked signed, SHA256SUMS lists the rows marked for it, the folder writer removes only these names, and publish
 * uploads these names and nothing else. Adding a file to the release is one row here (and its renderer).
 */

/** How a file of the release comes to be. */
export type Origin =
  /** Rendered by `build` from the built release. */
  | { readonly kind: 'rendered'; readonly render: (release: BuiltRelease) => string }
  /** Made by `sign`: the minisign signature of the row named `of`. */
  | { readonly kind: 'signature'; readonly of: string }
  /** Computed from the rows marked `inChecksums`, rewritten whenever one of them changes. */
  | { readonly kind: 'checksums' }
  /** The public half of the signing key: keys/minisign.pub copied by `build`, or a one-time key's by `release`. */
  | { readonly kind: 'public-key' };

export interface ArtefactSpec {
  /** The Content-Type the file is uploaded with, and so served with from the GitHub release. */
  readonly mediaType: string;
  readonly origin: Origin;
  /** `sign` signs it; its signature is the row whose origin names it. */
  readonly signed: boolean;
  /** Listed in SHA256SUMS. */
  readonly inChecksums: boolean;
}

const TEXT = 'text/plain; charset=utf-8';

/** The table. Its order is the order files are listed in (SHA256SUMS itself sorts by name). */
export const ARTEFACTS = {
  [RELEASE_FILE]: {
    mediaType: 'application/json',
    // RFC 8785 canonical bytes: a rebuild of the same commit at the same time is byte-identical.
    origin: { kind: 'rendered', render: (release) => canonicalJson(release.doc) },
    signed: true,
    inChecksums: true,
  },
  [SIGNATURE_FILE]: {
    mediaType: TEXT,
    origin: { kind: 'signature', of: RELEASE_FILE },
    signed: false,
    inChecksums: true,
  },
  [PAGE_FILE]: {
    mediaType: 'text/html; charset=utf-8',
    origin: { kind: 'rendered', render: renderPage },
    // Signed like the JSON: a copy of the page served elsewhere can be checked against the release key.
    signed: true,
    inChecksums: true,
  },
  'index.html.minisig': {
    mediaType: TEXT,
    origin: { kind: 'signature', of: PAGE_FILE },
    signed: false,
    inChecksums: true,
  },
  [CHANGELOG_FILE]: {
    mediaType: 'text/markdown; charset=utf-8',
    origin: { kind: 'rendered', render: (release) => release.changelog },
    signed: false,
    inChecksums: true,
  },
  [FEED_FILE]: {
    mediaType: 'application/feed+json',
    origin: { kind: 'rendered', render: (release) => `${JSON.stringify(release.feed, null, 2)}\n` },
    signed: false,
    inChecksums: true,
  },
  [ATOM_FILE]: {
    mediaType: 'application/atom+xml',
    origin: { kind: 'rendered', render: (release) => renderAtom(release.feed, release.doc.releasedAt) },
    signed: false,
    inChecksums: true,
  },
  [CSV_FILE]: {
    mediaType: 'text/csv; charset=utf-8',
    origin: { kind: 'rendered', render: (release) => renderCsv(release.doc) },
    signed: false,
    inChecksums: true,
  },
  'subprocessors.md': {
    mediaType: 'text/markdown; charset=utf-8',
    origin: {
      kind: 'rendered',
      render: (release) =>
        renderMarkdown(
          release.doc,
          release.settings.title ?? `${release.doc.controller.name} subprocessors`,
          release.settings.introduction,
        ),
    },
    signed: false,
    inChecksums: true,
  },
  [PUBLIC_KEY_FILE]: {
    mediaType: TEXT,
    origin: { kind: 'public-key' },
    signed: false,
    inChecksums: true,
  },
  [CHECKSUMS_FILE]: {
    mediaType: TEXT,
    origin: { kind: 'checksums' },
    signed: false,
    // A file cannot list its own hash.
    inChecksums: false,
  },
} as const satisfies Readonly<Record<string, ArtefactSpec>>;

export type ArtefactName = keyof typeof ARTEFACTS;

/** Every name of the table, in its order. */
export const ARTEFACT_NAMES: readonly ArtefactName[] = Object.keys(ARTEFACTS).filter(isArtefactName);

/** A release's files by name; only the table's names can be keys. */
export type ReleaseFiles = ReadonlyMap<ArtefactName, Buffer>;

export function isArtefactName(name: string): name is ArtefactName {
  return Object.hasOwn(ARTEFACTS, name);
}

export function artefact(name: ArtefactName): ArtefactSpec {
  return ARTEFACTS[name];
}

/** The signature row of a signed row; a table without one is a bug the tests catch, so this throws. */
export function signatureFileOf(name: ArtefactName): ArtefactName {
  const found = ARTEFACT_NAMES.find((candidate) => {
    const origin = artefact(candidate).origin;
    return origin.kind === 'signature' && origin.of === name;
  });
  if (found === undefined) throw new Error(`the release table has no signature for ${name}`);
  return found;
}

/** The rows `sign` signs, in table order. */
export const SIGNED_ARTEFACTS: readonly ArtefactName[] = ARTEFACT_NAMES.filter((name) => artefact(name).signed);

/** Every file `build` renders, in table order. */
export function renderArtefacts(release: BuiltRelease): Map<ArtefactName, Buffer> {
  const files = new Map<ArtefactName, Buffer>();
  for (const name of ARTEFACT_NAMES) {
    const { origin } = artefact(name);
    if (origin.kind === 'rendered') files.set(name, Buffer.from(origin.render(release)));
  }
  return files;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `sha256sum -c` reads this: "HEX  NAME" per line, sorted by name, for the present files the table marks. */
export function checksums(files: ReleaseFiles): string {
  return [...files]
    .filter(([name]) => artefact(name).inChecksums)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, bytes]) => `${sha256Hex(bytes)}  ${name}\n`)
    .join('');
}

/**
 * The files in table order, with SHA256SUMS computed from them (any SHA256SUMS handed in is replaced): what every
 * writer of the folder writes, so SHA256SUMS cannot disagree with the files beside it.
 */
export function withChecksums(files: ReleaseFiles): Map<ArtefactName, Buffer> {
  const sealed = new Map<ArtefactName, Buffer>();
  for (const name of ARTEFACT_NAMES) {
    const origin = artefact(name).origin;
    const bytes = origin.kind === 'checksums' ? Buffer.from(checksums(files)) : files.get(name);
    if (bytes !== undefined) sealed.set(name, bytes);
  }
  return sealed;
}

/** What can be wrong between SHA256SUMS and the files beside it. */
export type ChecksumProblem =
  | { readonly kind: 'no-checksums' }
  | { readonly kind: 'unreadable-line'; readonly line: string }
  | { readonly kind: 'not-a-release-file'; readonly name: string }
  | { readonly kind: 'listed-but-absent'; readonly name: ArtefactName }
  | { readonly kind: 'mismatch'; readonly name: ArtefactName }
  | { readonly kind: 'unlisted'; readonly name: ArtefactName };

const SUMS_LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/;

/** Checks SHA256SUMS both ways: every line names a present file of the table with its hash, and every present file the table marks is listed. */
export function checksumProblems(files: ReleaseFiles): ChecksumProblem[] {
  const sums = files.get(CHECKSUMS_FILE);
  if (sums === undefined) return [{ kind: 'no-checksums' }];
  const problems: ChecksumProblem[] = [];
  const listed = new Set<string>();
  for (const line of sums.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [, hash, name] = SUMS_LINE.exec(line.trimEnd()) ?? [];
    if (hash === undefined || name === undefined) {
      problems.push({ kind: 'unreadable-line', line });
      continue;
    }
    listed.add(name);
    if (!isArtefactName(name) || !artefact(name).inChecksums) {
      problems.push({ kind: 'not-a-release-file', name });
      continue;
    }
    const bytes = files.get(name);
    if (bytes === undefined) problems.push({ kind: 'listed-but-absent', name });
    else if (sha256Hex(bytes) !== hash.toLowerCase()) problems.push({ kind: 'mismatch', name });
  }
  for (const name of files.keys()) if (artefact(name).inChecksums && !listed.has(name)) problems.push({ kind: 'unlisted', name });
  return problems;
}
