'use strict';
// dist/main.js, written by scripts/bundle.mjs: runs the bundled API (dist/server.js) through V8's code
// cache, so a start after the first skips parsing and compiling the bundle again (issue 18, cold
// start). `dist/main.js --write-code-cache` compiles the bundle's modules without starting the API and saves
// what V8 compiled to CODE_CACHE_DIR (npm start and the image build run it); a start that finds no cache V8
// takes runs that writer first, as a child, and then starts from the cache. `CODE_CACHE_DIR=off` turns the
// cache off.
//
// A code cache is code: it is only read from a directory this user owns that nobody else can write to
// (created 0700 when missing; any other directory is ignored), and only for the exact build it was made
// from (the bundle's SHA-256 from build time, its size and mtime are in the file name; V8 refuses a cache
// made by another Node version or with other flags, and then a new one is saved).
const {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const vm = require('node:vm');
const { spawnSync } = require('node:child_process');

const BUILD = '__SHALA_BUNDLE_SHA256__';
/** A writer that hangs must not keep the server from starting; it compiles in ~1.5 s. */
const WRITER_TIMEOUT_MS = 20_000;
const WRITE_FLAG = '--write-code-cache';
/** Set only in the cache writer: src/main.ts then defines everything and starts nothing. */
const COMPILE_ONLY = Symbol.for('shala.compileOnly');

const file = join(__dirname, 'server.js');

function cacheDirectory() {
  const configured = process.env.CODE_CACHE_DIR;
  if (configured === 'off') return null;
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = configured || join(tmpdir(), `shala-code-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = lstatSync(dir);
    const private_ = s.isDirectory() && (uid === null || s.uid === uid) && (s.mode & 0o022) === 0;
    return private_ ? dir : null;
  } catch {
    return null;
  }
}

function cacheFileFor(dir) {
  const stamp = statSync(file);
  return join(dir, `server-${BUILD.slice(0, 16)}-${stamp.size}-${Math.trunc(stamp.mtimeMs)}.bin`);
}

function readCache(cacheFile) {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle compiled (from `cachedData` when V8 takes it) into its module wrapper. */
function compile(cachedData) {
  return new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
}

function run(script) {
  const server = new Module(file, module);
  server.filename = file;
  server.paths = Module._nodeModulePaths(__dirname);
  script.runInThisContext()(server.exports, Module.createRequire(file), server, file, __dirname);
}

/**
 * `node dist/main.js --write-code-cache`: evaluates the bundle's modules without starting the API (the
 * entry checks COMPILE_ONLY), saves what V8 compiled, and exits. Run in a child, so that compiling and
 * serialising (memory malloc keeps for the life of a process) are never the server's.
 */
function writeCache() {
  const dir = cacheDirectory();
  if (!dir) return;
  const cacheFile = cacheFileFor(dir);
  if (compileCached(cacheFile)) return;
  const script = compile(undefined);
  globalThis[COMPILE_ONLY] = true;
  run(script);
  const data = script.createCachedData();
  try {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, cacheFile);
    // Caches of earlier builds are never read again.
    for (const name of readdirSync(dir)) {
      if (/^server-.*\.bin$/.test(name) && join(dir, name) !== cacheFile)
        rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}

/**
 * Runs the writer as a child and waits for it (~1.5 s, once per build): the server then starts from the
 * cache like every later start, instead of compiling the bundle itself. A process that compiled it keeps
 * 25-30 MB more in malloc for its life (README, "Memory").
 */
function writeCacheNow() {
  // The same V8 flags (V8 refuses a cache made under others), without what would make the writer more
  // than a compiler: preloaded modules (-r, --require, --import, --loader), profilers and inspectors.
  const flags = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const flag = process.execArgv[i];
    if (/^(-r|--require|--import|--loader|--experimental-loader)$/.test(flag)) i++;
    else if (
      !/^(--require|--import|--loader|--experimental-loader)=|^--(cpu-prof|heap-prof|inspect|prof)/.test(flag)
    )
      flags.push(flag);
  }
  spawnSync(process.execPath, [...flags, __filename, WRITE_FLAG], {
    stdio: 'ignore',
    env: process.env,
    timeout: WRITER_TIMEOUT_MS,
  });
}

/** The bundle from the cache, or null when there is none V8 takes. */
function compileCached(cacheFile) {
  const cachedData = readCache(cacheFile);
  if (cachedData === undefined) return null;
  const script = compile(cachedData);
  return script.cachedDataRejected ? null : script;
}

if (process.argv[2] === WRITE_FLAG) {
  writeCache();
  process.exit(0);
}
// Nothing read here outlives the start: the cache's bytes and the file's text are garbage once V8 has them.
const dir = cacheDirectory();
let script = null;
if (dir) {
  const cacheFile = cacheFileFor(dir);
  script = compileCached(cacheFile);
  if (!script) {
    writeCacheNow();
    script = compileCached(cacheFile);
  }
}
// No usable directory, or a cache that could not be written or was refused: compile as usual.
run(script ?? compile(undefined));
