import { defineConfig } from 'vitest/config';

// Three projects: unit tests mirror the source tree and need no peer; integration tests
// talk to real peers (MLflow, Prometheus, Alertmanager, the OS keychain, the reference
// model signer) that .ci/run starts; e2e tests drive Debian's Chromium against the preview.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/electron-mock.ts'],
          environment: 'node',
          // electron-store imports 'electron' itself: inline it so it meets the same fake.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // A browser on a shared 2-core machine can take more than poll's default second
          // to render; every poll still has to succeed, just not within one second.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
