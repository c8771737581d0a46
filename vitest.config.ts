import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test gets its own REPCOACH_HOME; nothing may touch the real home folder.
    env: { REPCOACH_HOME: '/nonexistent-repcoach-home-set-per-test', NO_COLOR: '1' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Child processes, not threads: the code under test sets the process umask (git runs), which a worker thread cannot.
    pool: 'forks',
    // Most of a test file's time is spent waiting on the processes it starts (the built binary, tmux, git, the
    // editor's language server), so two files at a time keep two cores busy. Vitest's default, one fewer than
    // the cores, would run one file at a time on a 2-core machine.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
