// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * TEN-03: tenant tables are reached only through the tenant-scoped repository. Raw TypeORM repositories,
 * entity managers used as repositories and query builders over entities are allowed only inside
 * apps/api/src/platform/database, where the scoped base lives. (A test in apps/api enforces the same.)
 */
const rawRepositoryBan = [
  {
    selector: "Decorator[expression.callee.name='InjectRepository']",
    message: 'TEN-03: inject a TenantScopedRepository subclass, never a raw TypeORM repository.',
  },
  {
    selector: "CallExpression[callee.property.name='getRepository']",
    message:
      'TEN-03: use a TenantScopedRepository subclass; getRepository() is allowed only in platform/database.',
  },
  {
    selector: "CallExpression[callee.property.name='withRepository']",
    message: 'TEN-03: use a TenantScopedRepository subclass.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'data/**',
      '**/test-results/**',
      '**/.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // CommonJS scripts (the bundled API's loader) load with require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/platform/database/**'],
    rules: { 'no-restricted-syntax': ['error', ...rawRepositoryBan] },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Preact (apps/web/preact-alias.ts) only sets the autofocus attribute, which a browser ignores once
      // anything on the page had focus; React focused the element itself.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='autoFocus']",
          message: "Preact does not focus on autoFocus: focus on mount (react-hook-form's setFocus, a ref).",
        },
      ],
    },
  },
  {
    // Browser tests are not React: their useBrowser() registers vitest hooks, not React hooks.
    files: ['apps/web/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  prettier,
);
