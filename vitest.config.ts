import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'contract/**/*.test.ts', 'addin/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'bin/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests poll a pane that a loaded 2-core machine updates late (vitest's default gives up after 1 s);
    // a poll that passes returns at once, only a failing one waits longer.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
