import { configDefaults, defineConfig } from 'vitest/config';

// Used only by StrykerJS (`npm run mutation`): the fast unit tests, with no globalSetup, because the normal
// config builds the Electron renderer first and every mutant would pay for that build. A supplier's tests against
// its simulator (`*.integration.test.ts`) are too slow to rerun per mutant.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/suppliers/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.integration.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
