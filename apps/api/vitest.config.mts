import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the decorators and their metadata the way tsc does, so Nest's DI works in tests.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  test: {
    projects: [
      {
        plugins,
        test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node' },
      },
      {
        plugins,
        test: {
          name: 'integration',
          include: ['test/**/*.int-spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file boots the app once against its own database; files run one after another so the
          // MySQL leg stays within a 2-core machine.
          fileParallelism: false,
          // ...in one process that imports the app's modules once: each file still boots its own app on its
          // own database, and no test mocks a module. Re-importing them per file cost about 2.5 s a file
          // (the SQLite leg took 503 s, and 338 s without).
          isolate: false,
          globalSetup: ['test/support/global-setup.ts'],
          // Each file boots the app; none needs the internal metrics listener on a fixed port.
          env: { METRICS_PORT: '0' },
        },
      },
    ],
  },
});
