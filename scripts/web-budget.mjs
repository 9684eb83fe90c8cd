#!/usr/bin/env node
// The SPA's size budget (issue 18 item 4): from the Vite manifest of the build (apps/web/dist/.vite/
// manifest.json), each page's first load is the transitive closure of its static imports, JS and CSS.
// The sign-in page (the entry, index.html, plus the login route) must stay within 150 KB gzip, and the
// first screen of every route in apps/web/src/app/router.tsx (the entry plus the route's chunk and its
// static imports: the shell a role signs in to) within 300 KB gzip. Chunks loaded later by import() are
// not counted (the password strength estimator, charts). Prints raw, gzip and brotli bytes per page and
// exits 1 naming every page over its budget. Needs the web build (npm run build).
//
//   node scripts/web-budget.mjs [--dist apps/web/dist] [--sign-in-kb 150] [--screen-kb 300]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'apps', 'web');
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: join(webDir, 'dist') },
    'sign-in-kb': { type: 'string', default: '150' },
    'screen-kb': { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
  },
});
const dist = resolve(args.dist);
const KB = 1024;
const signInBudget = Number(args['sign-in-kb']) * KB;
const screenBudget = Number(args['screen-kb']) * KB;

const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  process.stderr.write(`No ${relative(root, manifestPath)}: build the web app first (npm run build).\n`);
  process.exit(1);
}
/** @type {Record<string, { file: string, src?: string, isEntry?: boolean, imports?: string[], css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const sizes = new Map();
/** Raw, gzip (-9) and brotli (best) bytes of one built file, computed once. */
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(join(dist, file));
    size = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      br: brotliCompressSync(bytes, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length,
    };
    sizes.set(file, size);
  }
  return size;
}

/** Every file a manifest entry loads before it runs: its chunk, its static imports (recursively), their CSS. */
function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

function total(files) {
  const sum = { raw: 0, gzip: 0, br: 0, js: 0, css: 0 };
  for (const file of files) {
    const size = sizeOf(file);
    sum.raw += size.raw;
    sum.gzip += size.gzip;
    sum.br += size.br;
    if (file.endsWith('.css')) sum.css += size.gzip;
    else sum.js += size.gzip;
  }
  return sum;
}

/** The manifest key (source path) of a module the router imports, e.g. `../routes/fees-route`. */
function manifestKeyOf(specifier) {
  const base = posix.join('src/app', specifier);
  // A module that also has static importers shares a chunk with no facade: found by its chunk name.
  const key =
    ['.tsx', '.ts', '/index.tsx', '/index.ts'].map((ext) => base + ext).find((k) => manifest[k]) ??
    Object.keys(manifest).find(
      (k) => manifest[k].isDynamicEntry && manifest[k].name === posix.basename(base),
    );
  if (!key) throw new Error(`router.tsx imports ${specifier}, which is not in the manifest`);
  return key;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry && key.endsWith('index.html'));
if (!entryKey) throw new Error('the manifest has no index.html entry');
const routerSource = readFileSync(join(webDir, 'src', 'app', 'router.tsx'), 'utf8');
const routeModules = [...new Set([...routerSource.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]))];

const loginSpecifier = routeModules.find((s) => s.endsWith('/login-route'));
// Routes declared after the signed-in shell render inside it, so their first screen loads it too.
const shellSpecifier = routeModules.find((s) => s.endsWith('/app-layout'));
const shellStart = routerSource.indexOf("id: 'signed-in'");
const insideShell = (specifier) => shellStart >= 0 && routerSource.indexOf(`'${specifier}'`) > shellStart;
const pages = [
  {
    name: 'sign-in (/login)',
    files: closure([entryKey, ...(loginSpecifier ? [manifestKeyOf(loginSpecifier)] : [])]),
    budget: signInBudget,
  },
  ...routeModules
    .filter((s) => s !== loginSpecifier && s !== shellSpecifier)
    .map((specifier) => ({
      name: specifier.replace(/^\.\.\//, '') + (shellSpecifier && insideShell(specifier) ? ' (+ shell)' : ''),
      files: closure([
        entryKey,
        ...(shellSpecifier && insideShell(specifier) ? [manifestKeyOf(shellSpecifier)] : []),
        manifestKeyOf(specifier),
      ]),
      budget: screenBudget,
    })),
];

const kb = (n) => (n / KB).toFixed(1).padStart(7);
const rows = pages.map((page) => ({ ...page, ...total(page.files) }));
if (args.json) {
  process.stdout.write(
    `${JSON.stringify(
      rows.map(({ files, ...row }) => ({ ...row, files: files.size })),
      null,
      2,
    )}\n`,
  );
} else {
  process.stdout.write(
    `${'page (first load: JS + CSS)'.padEnd(58)} ${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'br KB'.padStart(7)} ${'budget'.padStart(7)}\n`,
  );
  for (const row of rows) {
    const over = row.gzip > row.budget;
    process.stdout.write(
      `${over ? 'OVER ' : 'ok   '}${row.name.padEnd(53)} ${kb(row.raw)} ${kb(row.gzip)} ${kb(row.br)} ${kb(row.budget)}\n`,
    );
  }
}
const over = rows.filter((row) => row.gzip > row.budget);
if (over.length > 0) {
  process.stderr.write(
    `\n${over.length} page(s) over budget (gzip): ${over.map((r) => `${r.name} ${kb(r.gzip).trim()} KB > ${kb(r.budget).trim()} KB`).join('; ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `\nEvery page within budget (sign-in ${kb(signInBudget).trim()} KB, other first screens ${kb(screenBudget).trim()} KB gzip).\n`,
);
