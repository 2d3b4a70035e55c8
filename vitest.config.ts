import { defineConfig } from 'vitest/config';

// Two projects: fast pure tests, and integration tests that need the real engine
// and fixture images (run one file at a time: they share one dockerd).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,shared,renderer,scripts,resources,bench,bin}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{electron,shared,scripts,resources}/**/*.int.test.ts'],
          globalSetup: ['./electron/core/testing/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
