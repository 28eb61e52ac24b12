import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // One test file per core: Vitest's default leaves one core to its own process (cores − 1), which
    // on CI's two cores ran every file one after another though the main process is mostly idle.
    maxWorkers: availableParallelism(),
  },
});
