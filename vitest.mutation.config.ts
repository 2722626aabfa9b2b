import { defineConfig } from 'vitest/config';

// Used only by StrykerJS (`npm run mutation`): the fast unit tests, with no globalSetup, because the normal
// config builds the Electron renderer first and every mutant would pay for that build.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
