import { defineConfig } from 'vitest/config';

// Projects: core (pure, no database), server (PGlite, or PostgreSQL when DATABASE_URL is set),
// web (pure helpers of the client). End-to-end tests live in packages/e2e and run with `npm run e2e`.
export default defineConfig({
  test: {
    // server test files each open their own database; two at a time suits a 2-core machine
    maxWorkers: 2,
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
});
