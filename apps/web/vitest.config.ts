import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // One jsdom and one module graph per worker, not per file: the files import Mantine, React and the
    // app once (the leg took 6 minutes on CI, 2 here without). Each test renders into a fresh tree that
    // cleanup() unmounts, with its own query client; no test mocks a module.
    isolate: false,
    testTimeout: 15_000,
  },
});
