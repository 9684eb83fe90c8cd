import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The npm package a bundled module comes from, or null for our own code. */
function packageOf(id: string): string | null {
  const match = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return match?.[1]?.replace('\\', '/') ?? null;
}

const reactPackages = new Set([
  'react',
  'react-dom',
  'scheduler',
  'react-router',
  'cookie',
  'set-cookie-parser',
]);

/**
 * Loaded only by dynamic import() where they are needed: the password strength estimator (zxcvbn-ts and
 * its dictionaries, the largest dependency by far) and the QR code drawer. Left to Rollup, they stay in
 * the lazy chunks that import them instead of joining the vendor chunk every page loads.
 */
const lazyPackages = new Set([
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  '@zxcvbn-ts/language-en',
  'qrcode',
]);

/**
 * Libraries change less often than our code, so they get their own long-cached chunks. Dependencies
 * point one way only (mantine -> vendor -> react), so no chunk cycles.
 */
function vendorChunk(id: string): string | undefined {
  const pkg = packageOf(id);
  if (!pkg || lazyPackages.has(pkg)) return undefined;
  if (reactPackages.has(pkg)) return 'react';
  if (pkg.startsWith('@mantine/')) return 'mantine';
  return 'vendor';
}

/** The API the dev server forwards /api to (the NestJS app on its default port). */
const apiTarget = process.env.VITE_API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        manualChunks: vendorChunk,
      },
    },
  },
});
