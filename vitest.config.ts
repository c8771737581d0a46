import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test gets its own REPCOACH_HOME; nothing may touch the real home folder.
    env: { REPCOACH_HOME: '/nonexistent-repcoach-home-set-per-test', NO_COLOR: '1' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
