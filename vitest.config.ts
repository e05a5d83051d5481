import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // 2-core CI machines: a few forks at a time keeps timing-sensitive tests (3-second platform deadlines) honest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
