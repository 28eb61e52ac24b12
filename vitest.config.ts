import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // One test file per core: Vitest's default leaves one core to its own process (cores − 1), which
    // on CI's two cores ran every file one after another though the main process is mostly idle.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['src/core/**/*.test.ts'],
          // src/core is pure deterministic TS (no DOM, clock, globals or mocks; lint-enforced), so its
          // test files can share one module graph per worker: each file no longer imports and
          // evaluates the whole model afresh, most of a small core file's time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/core/**', 'node_modules/**'],
        },
      },
    ],
  },
});
