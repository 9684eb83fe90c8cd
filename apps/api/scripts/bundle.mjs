#!/usr/bin/env node
// The HTTP API's entry as one file (issue 18, cold start). `tsc` writes dist/ as ~500 CommonJS modules that
// load ~2,900 files at boot; resolving and reading them was half of a 2.5 s start (a CPU profile: 430 ms in
// Module._resolveFilename, 400 ms compiling, 135 ms reading). esbuild joins tsc's output (decorators and
// their metadata already emitted) into dist/server.js, and dist/main.js becomes the small loader in
// scripts/main-loader.cjs, which runs the bundle through V8's code cache (compiling the bundle is the next
// cost: ~340 ms, plus each module body's first call). tsc's own entry is kept as dist/main.entry.js.
//
// Left outside the bundle and loaded from node_modules at run time:
// - native addons (better-sqlite3, bcrypt) and the database driver (mysql2), which the benchmarks and the
//   statement counters patch from outside;
// - packages that find their own files through __dirname: pdfkit (its font metrics), swagger-ui-dist (the
//   /api/docs page's assets);
// - @zxcvbn-ts/language-common, the common-password list (password-policy.ts): required on the first
//   password check, so its 0.4 MB of source is not resident in a process that never checks one (V8 keeps
//   the bundle's whole text in memory; issue 18, memory);
// - otplib, whose base32 codec (thirty-two) calls the deprecated Buffer(): Node warns about that only for
//   code outside node_modules, so bundled it printed a DeprecationWarning at every start;
// - optional peers Nest and TypeORM only try to require (microservices, other drivers): not installed,
//   exactly as before.
// Each external is a direct dependency of @shala/api, so it resolves from dist/ in the repository and in
// the Docker image alike.
//
// Minified: whitespace and local identifiers (issue 18, memory). V8 keeps the bundle's whole text in memory
// for the life of the process (to compile functions on their first call): 8.3 MB with whitespace alone, 5.7
// MB with identifiers shortened, and the scope tables of compiled functions shrink with it (4 MB less live
// heap after load in all). Names are kept (keepNames: every function's and class's `name` is its source
// name; Nest and TypeORM read class names, and a stack frame of a function shows it). A stack frame of a
// method shows the class's minified binding (`at o.find`); dist/server.js.map maps any frame back to the
// source, as it already must for the positions (the bundle is one line).
//
//   node scripts/bundle.mjs            (npm run build runs it after tsc)
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const api = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(api, 'dist');
const main = join(dist, 'main.js');
const out = join(dist, 'server.js');
const entry = join(dist, 'main.entry.js');
const MARK = '/* shala: written by scripts/bundle.mjs */';

const EXTERNAL = [
  'better-sqlite3',
  'bcrypt',
  'mysql2',
  'otplib',
  'pdfkit',
  'swagger-ui-dist',
  '@zxcvbn-ts/language-common',
];
const pkg = JSON.parse(readFileSync(join(api, 'package.json'), 'utf8'));
const undeclared = EXTERNAL.filter((name) => !pkg.dependencies?.[name]);
if (undeclared.length) {
  throw new Error(`externals must be direct dependencies of @shala/api: ${undeclared.join(', ')}`);
}

// tsc rewrites dist/main.js on every build; a dist/main.js that is already the loader means tsc did not run
// since, and the entry kept last time is still tsc's latest.
if (!existsSync(main)) throw new Error(`${main} is missing: run tsc -p tsconfig.build.json first`);
if (!readFileSync(main, 'utf8').startsWith(MARK)) {
  renameSync(main, entry);
  if (existsSync(`${main}.map`)) renameSync(`${main}.map`, `${entry}.map`);
}

/** Optional peers that are not installed stay `require` calls, answered at run time as before. */
const optionalPeers = {
  name: 'optional-peers',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.probing) return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { probing: true },
      });
      return found.errors.length ? { path: args.path, external: true } : found;
    });
  },
};

/**
 * Every non-ASCII character of a module's source written as a \u escape before esbuild reads it. V8 keeps
 * the bundle's source in memory for as long as the process runs, and one non-ASCII character anywhere makes
 * it a two-byte string: 18 MB instead of 9 of every process's RSS. esbuild escapes strings and identifiers
 * itself (charset ascii), but not regular expression literals, and class-validator's locale tables are
 * regular expressions full of Cyrillic, Greek and Arabic letters. A \u escape means the same code unit in
 * a string, a template, an identifier and a regular expression (a pair of escaped surrogates is one code
 * point under the u flag), and only columns move, so the source map stays true line by line. An escaped
 * non-ASCII character (`\’`, an identity escape) loses its backslash, or the backslash would escape ours.
 */
const asciiSources = {
  name: 'ascii-sources',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      // eslint-disable-next-line no-control-regex
      if (!/[^\x00-\x7f]/.test(text)) return undefined;
      return {
        contents: text.replace(
          // eslint-disable-next-line no-control-regex
          /(\\*)([^\x00-\x7f])/g,
          (_, slashes, c) =>
            `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
        loader: 'js',
      };
    });
  },
};

const started = Date.now();
const result = await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  keepNames: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  sourcemap: 'linked',
  external: [...EXTERNAL, '@shala/contracts/view-schemas.json'],
  plugins: [optionalPeers, asciiSources],
  logLevel: 'error',
  metafile: true,
});
const bundled = readFileSync(out);
// One non-ASCII byte doubles the bundle's share of every process's memory (see asciiSources).
const wide = bundled.findIndex((byte) => byte > 0x7f);
if (wide >= 0) {
  const at = bundled.subarray(Math.max(0, wide - 60), wide + 20).toString('utf8');
  throw new Error(`dist/server.js must be ASCII (V8 would hold it as a two-byte string); found near: ${at}`);
}
const sha256 = createHash('sha256').update(bundled).digest('hex');
const loader = readFileSync(join(api, 'scripts', 'main-loader.cjs'), 'utf8').replace(
  '__SHALA_BUNDLE_SHA256__',
  sha256,
);
writeFileSync(main, `${MARK}\n${loader}`);
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(
  `bundle: dist/server.js from ${inputs} modules, ${(statSync(out).size / 1048576).toFixed(1)} MB, ${Date.now() - started} ms; dist/main.js loads it\n`,
);

// The externals must load from dist/ (a missing one would only show at boot).
const requireFromDist = createRequire(out);
for (const name of EXTERNAL) requireFromDist.resolve(name);
