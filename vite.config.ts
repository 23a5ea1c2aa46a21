/**
 * Vite builds the browser apps (kiosk/, display/, officer/, admin/ as they land, multi-page);
 * Vitest runs the tests. Suites that share one Redis run in separate files with fresh office ids,
 * so files can run in parallel.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: process.env.CI === 'true' ? ['default'] : ['default'],
  },
});
