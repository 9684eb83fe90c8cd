import { defineConfig } from 'vitest/config';
import DemoClockLastSequencer from './e2e/support/sequencer';

/** Browser end-to-end tests: real app, Debian's Chromium through playwright-core, one file at a time. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // The file that erases the demo student runs last, once the seeded erasure notice has run out.
    sequence: { sequencer: DemoClockLastSequencer },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
