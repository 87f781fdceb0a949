import { createHash } from 'node:crypto';
import type { Release } from '../../scripts/generated/release.js';
import { canonicalJson } from '../../scripts/release/canonical-json.js';
import type { SecretKey } from '../../scripts/release/minisign.js';
import { signRelease } from '../../scripts/release/signing.js';

/**
 * Small, schema-valid release documents signed in memory: for tests of the consumer side (verify, publish) that need
 * real signatures and real documents but not the build pipeline that makes them.
 */

export interface SignedRelease {
  readonly doc: Release;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly signature: string;
}

export function releaseDoc(version: string, overrides: Partial<Release> = {}): Release {
  return {
    schemaVersion: '1.0.0',
    version,
    releasedAt: '2026-11-23T10:00:00Z',
    expiresAt: '2099-02-21T10:00:00Z',
    source: { commit: 'uncommitted' },
    controller: { name: 'Acme', country: 'FR' },
    noticePeriodDays: 30,
    categories: [{ id: 'hosting', title: 'Hosting' }],
    subprocessors: [],
    ...overrides,
  };
}

export function signedRelease(secret: SecretKey, version: string, overrides: Partial<Release> = {}): SignedRelease {
  const doc = releaseDoc(version, overrides);
  const bytes = Buffer.from(canonicalJson(doc));
  return {
    doc,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    signature: signRelease(secret, doc, bytes, 'subprocessors.json'),
  };
}
