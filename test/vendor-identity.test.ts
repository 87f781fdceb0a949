import { describe, expect, it } from 'vitest';
import { runValidate } from '../scripts/pipeline/check.js';
import { shippedSetup } from '../scripts/pipeline/shipped.js';
import { memorySource } from '../scripts/registry/memory-source.js';
import { settingsYaml, vendorYaml } from './helpers/vendor-yaml.js';

const withIdentity = (extra: string) =>
  vendorYaml('acme').replace('category: hosting\n', `legalEntity: Acme Ltd\n${extra}category: hosting\n`);

async function validate(text: string) {
  return runValidate(memorySource({ 'registry.yaml': settingsYaml(), 'subprocessors/acme.yaml': text }), {
    today: '2026-11-30',
    setup: shippedSetup(),
  });
}

describe("a vendor's identity (EDPB Opinion 22/2024): address, contact, its own sub-processor list", () => {
  it.each([
    ['an email contact', 'contact: privacy@acme.example\n'],
    ['a web contact', 'contact: https://acme.example/privacy\n'],
    ['an address', 'address: 1 Main Street, Dublin, Ireland\n'],
  ])('accepts %s', async (_what, extra) => {
    const report = await validate(withIdentity(extra));
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it("accepts the vendor's own sub-processor list among its links", async () => {
    const text = `${vendorYaml('acme')}links:\n  subprocessors: https://acme.example/subprocessors\n`;
    const report = await validate(text);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a contact that is neither an email nor a web address, in words, at the value', async () => {
    const report = await validate(withIdentity('contact: call us\n'));
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        policy: 'schema',
        messageId: 'pattern',
        line: 4,
        message: expect.stringContaining('an email address') as unknown,
      }),
    ]);
  });
});
