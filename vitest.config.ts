import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    pool: 'forks',
    // One WASM thread per test process and per CLI subprocess (test/setup.ts).
    env: { VMODEL_THREADS: '1' },
  },
});
