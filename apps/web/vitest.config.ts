import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { preactAliases } from './preact-alias';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The tests render with Preact like the app (preact-alias.ts). For the aliases to reach the libraries
    // too, Vitest runs them through Vite (server.deps.inline below), and Vite must pick their ES modules
    // as a browser build would: a CommonJS build's require('react') would load React itself.
    alias: preactAliases,
    conditions: ['module', 'browser', 'development|production'],
    mainFields: ['browser', 'module', 'jsnext:main', 'jsnext'],
  },
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
    server: { deps: { inline: true } },
    // The icons' ES build is 5,000 modules: bundled once by esbuild (keeping `react` for the alias), each
    // worker imports one file instead of transforming them all (a test file's cold start took a minute).
    deps: { optimizer: { client: { enabled: true, include: ['@tabler/icons-react'] } } },
  },
});
