import { describe, expect, it } from 'vitest';
import { blobLinks } from '../scripts/format/links.js';
import { formatSarif } from '../scripts/format/sarif.js';
import { runCheck } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';
import { TODAY } from './policies/harness.js';

interface SarifResult {
  readonly ruleId: string;
  readonly properties?: { readonly law?: string };
  readonly partialFingerprints: { readonly subprocProblem: string };
}

/** The fingerprints of missing-transfer-mechanism's results for an Indian vendor with no mechanism, by law. */
async function fingerprints(jurisdictions?: readonly string[]): Promise<Record<string, string>> {
  const report = await runCheck({
    head: memorySource({
      'registry.yaml': settingsYaml(jurisdictions ? { jurisdictions } : {}),
      'subprocessors/acme.yaml': vendorYaml('acme', { locations: [{ place: 'IN' }] }),
    }),
    today: TODAY,
    setup: shippedSetup(),
  });
  const sarif = JSON.parse(formatSarif(report, blobLinks('https://github.com/acme/registry/blob/abc/'))) as {
    runs: { results: SarifResult[] }[];
  };
  const results = (sarif.runs[0]?.results ?? []).filter((r) => r.ruleId === 'missing-transfer-mechanism');
  return Object.fromEntries(results.map((r) => [r.properties?.law ?? '', r.partialFingerprints.subprocProblem]));
}

describe('SARIF fingerprints under several laws', () => {
  it('makes one alert per law at the same place, and keeps the EU GDPR fingerprint as it was', async () => {
    const alone = await fingerprints();
    const all = await fingerprints(['eu-gdpr', 'uk-gdpr', 'ch-fadp']);
    const ukFirst = await fingerprints(['uk-gdpr', 'eu-gdpr']);
    const where = 'missing-transfer-mechanism/missing/registry/subprocessors/acme.yaml/locations.0';
    expect(alone).toEqual({ 'eu-gdpr': where });
    expect(all).toEqual({ 'eu-gdpr': where, 'uk-gdpr': `${where}/uk-gdpr`, 'ch-fadp': `${where}/ch-fadp` });
    // The order registry.yaml declares the laws in does not move a fingerprint.
    expect(ukFirst).toEqual({ 'eu-gdpr': where, 'uk-gdpr': `${where}/uk-gdpr` });
  });
});
