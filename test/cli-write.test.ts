import { describe, expect, it } from 'vitest';
import { copyOfShippedRegistry } from './helpers/temp-registry.js';
import { runCli } from './helpers/run-cli.js';

describe('check --write to a place that cannot be written (issue 12, point 13)', () => {
  it('is a usage error, exit 2, naming the file, not an internal error', () => {
    const temp = copyOfShippedRegistry();
    try {
      const result = runCli(['check', '--no-base', '--today', '2026-11-30', '--write', 'sarif:/missing/dir/x.sarif'], temp.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--write sarif:/missing/dir/x.sarif: cannot write the file (ENOENT)');
      expect(result.stderr).not.toContain('internal error');
    } finally {
      temp.cleanup();
    }
  });
});
