import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn node and git; two cores share them.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
