import { defineConfig } from 'vitest/config';

// End-to-end tests: one real server (started by the global setup) and Debian's Chromium, so the
// files run one after another in a single worker, with timeouts sized for a cold 2-core machine.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    // The UI waits on a real server (password hashing, a 2-core machine shared with other work):
    // expect.poll gets 20 s instead of its 1 s default.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    reporters: ['default'],
  },
});
