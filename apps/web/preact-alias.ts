import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

/**
 * The SPA renders with Preact 11 through preact/compat instead of react-dom: react-dom 19 alone was 58 KB
 * gzip of every page's first load, Preact with its hooks and compat layer is about 11 KB. Our code and
 * every library (Mantine, react-router, TanStack Query, react-hook-form, react-i18next, recharts, Testing
 * Library) keep importing `react` and `react-dom`, and get Preact: the build (vite.config.ts) and the unit
 * tests (vitest.config.ts) use the same aliases, so the tests run on the renderer the app ships with.
 * TypeScript still checks against @types/react. Exact matches only: `react-router` and `react-hook-form`
 * are packages of their own.
 */
export const preactAliases: Alias[] = [
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  // preact/compat with a cheaper forwardRef (src/app/compat/react.ts).
  { find: /^react$/, replacement: fileURLToPath(new URL('./src/app/compat/react.ts', import.meta.url)) },
];
