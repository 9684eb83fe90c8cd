import { build as viteBuild, defineConfig, type Plugin, type Rollup, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcss from 'postcss';
import mantinePreset from 'postcss-preset-mantine';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { missingMantineStyles } from './src/app/styles/mantine-styles';
import { planChunks, screenModules } from './chunk-plan';
import { preactAliases } from './preact-alias';
import { screenPages } from './screen-pages';

/** The npm package a bundled module comes from, or null for our own code. */
function packageOf(id: string): string | null {
  const match = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return match?.[1]?.replace('\\', '/') ?? null;
}

/** Preact (react and react-dom resolve to it, see preact-alias.ts) and react-router with its dependencies. */
const reactPackages = new Set(['preact', 'react-router', 'cookie', 'set-cookie-parser']);

/**
 * Preact and the router get their own long-cached chunk: every page needs them, and they change less often
 * than our code. Everything else is split by Rollup along the lazy routes, so the sign-in page loads only
 * what it uses (one vendor chunk of every library made every page load all of them), and what is loaded
 * by import() where needed (the password strength estimator, the QR code drawer, charts) stays lazy.
 */
function vendorChunk(id: string): string | undefined {
  const pkg = packageOf(id);
  return pkg && reactPackages.has(pkg) ? 'react' : undefined;
}

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/** Smaller files gain nothing: one TCP packet either way (the servers send them as they are). */
const MIN_COMPRESS_BYTES = 1024;

function filesUnder(dir: string): string[] {
  // Dot folders (.vite/manifest.json) are build metadata, never served.
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside every compressible file of
 * the build, so neither server compresses on the fly: the API's static server (`preCompressed`) and
 * Nginx (`gzip_static`, and `brotli_static` where its module is installed) send the copy the browser
 * accepts. Compressing once at build time also allows the slowest, smallest settings.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'shala:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (!existsSync(outDir)) return; // the build failed before writing anything
      for (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_COMPRESS_BYTES) continue;
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            },
          }),
        );
      }
    },
  };
}

/**
 * A chunk's style sheets and the modules tree-shaking kept something of: a chunk also lists the unused
 * members of a barrel it imports (chunk-plan.ts places those where a grouped module pulls them).
 */
function renderedModules(chunk: Rollup.OutputChunk): string[] {
  return Object.entries(chunk.modules)
    .filter(([id, module]) => module.renderedLength > 0 || /\.css(\?|$)/.test(id))
    .map(([id]) => id);
}

/** One component's styles from Mantine: `@mantine/core/styles/Button.css`. */
const MANTINE_COMPONENT_STYLES = /[\\/]@mantine[\\/]core[\\/]styles[\\/][^\\/]+\.css$/;

/**
 * Mantine's per-component style files (imported in app/styles/, so the sign-in page loads only the styles
 * of the components it renders) ship with sizes in px, where its all-in-one styles.css has them in rem
 * scaled by --mantine-scale. Mantine's own PostCSS preset with autoRem turns each file into exactly its
 * part of styles.css (each file is its part of styles.css, in order, checked by
 * app/styles/mantine-styles.test.ts), so text still follows the browser's font size setting. The build
 * fails when the sign-in page, or any page, renders a component whose styles it would not load.
 */
function mantineComponentStyles(): Plugin {
  const processor = postcss([mantinePreset({ autoRem: true })]);
  return {
    name: 'shala:mantine-component-styles',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!MANTINE_COMPONENT_STYLES.test(file)) return null;
      const result = await processor.process(code, { from: file });
      return { code: result.css, map: null };
    },
    generateBundle(_options, bundle) {
      // The sign-in page's first load: the entry chunk and what it imports statically.
      const firstLoad = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk' || firstLoad.has(fileName)) return;
        firstLoad.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
      const moduleIds = [...firstLoad].flatMap((fileName) => {
        const chunk = bundle[fileName];
        return chunk?.type === 'chunk' ? renderedModules(chunk) : [];
      });
      const missing = missingMantineStyles(moduleIds);
      if (missing.length > 0) {
        this.error(
          `The sign-in page renders Mantine's ${missing.join(', ')} without its styles: add ` +
            `${missing.map((name) => `@mantine/core/styles/${name}.css`).join(', ')} to src/app/styles/mantine-sign-in.ts`,
        );
      }
      // Every page: mantine-rest.ts holds only the styles of components the app uses, so one taken into
      // use (or pulled in by a Mantine upgrade) must have its styles somewhere in the bundle.
      const missingAnywhere = missingMantineStyles(
        Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' ? renderedModules(chunk) : [])),
      );
      if (missingAnywhere.length > 0) {
        this.error(
          `The app renders Mantine's ${missingAnywhere.join(', ')} without its styles: add ` +
            `${missingAnywhere.map((name) => `@mantine/core/styles/${name}.css`).join(', ')} to src/app/styles/mantine-rest.ts`,
        );
      }
    },
  };
}

/** Set in the first of the build's two passes (chunk-plan.ts), which keeps Rollup's own chunks. */
const PLAN_PASS = 'SHALA_CHUNK_PLAN_PASS';

/** The first pass: the same build with Rollup's chunks, in memory, from which the chunk groups are planned. */
async function chunkPlan(): Promise<Map<string, string>> {
  process.env[PLAN_PASS] = '1';
  try {
    const result = await viteBuild({
      configFile: resolve(__dirname, 'vite.config.ts'),
      logLevel: 'warn',
      build: { write: false, minify: false, manifest: false, reportCompressedSize: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
    const chunks = outputs.flatMap((output) =>
      output.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk'),
    );
    return planChunks(chunks, screenModules(__dirname));
  } finally {
    delete process.env[PLAN_PASS];
  }
}

/** The API the dev server forwards /api to (the NestJS app on its default port). */
const apiTarget = process.env.VITE_API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const planPass = process.env[PLAN_PASS] === '1';
  const plan = command === 'build' && !planPass ? await chunkPlan() : new Map<string, string>();
  return {
    // React Fast Refresh cannot update components that Preact renders (it said "hot updated" and the page
    // stayed as it was): with no file of ours through its transform, an edit reloads the page instead.
    plugins: [
      mantineComponentStyles(),
      react({ exclude: /./ }),
      ...(planPass ? [] : [screenPages(__dirname), precompress()]),
    ],
    resolve: { alias: preactAliases },
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
      // No polyfill in the entry: a browser without modulepreload still loads every module, only later.
      modulePreload: { polyfill: false },
      // dist/.vite/manifest.json: which files each entry and lazy route loads (scripts/web-budget.mjs).
      manifest: true,
      rollupOptions: {
        output: {
          entryFileNames: 'assets/[name]-[hash].js',
          chunkFileNames: 'assets/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          manualChunks: (id) => vendorChunk(id) ?? plan.get(id),
        },
      },
    },
  };
});
