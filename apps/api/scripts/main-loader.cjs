'use strict';
// dist/main.js, written by scripts/bundle.mjs: runs the bundled API (dist/server.js) through V8's code
// cache, so a start after the first skips parsing and compiling the 12 MB bundle again (issue 18, cold
// start). The first start of a build compiles as usual and, a few seconds after boot, saves what V8 compiled
// (the module bodies and what booting ran) to CODE_CACHE_DIR; `CODE_CACHE_DIR=off` turns the cache off.
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

const BUILD = '__SHALA_BUNDLE_SHA256__';
const SAVE_AFTER_MS = 5000;

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

/** Writes what V8 compiled so far; `script` is let go afterwards (the bundle's functions keep its source). */
function saveLater(script, dir, cacheFile) {
  let pending = script;
  const save = () => {
    if (!pending) return;
    const data = pending.createCachedData();
    pending = null;
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
  };
  // Once boot has compiled what it runs; or at exit, for a process stopped sooner.
  setTimeout(save, SAVE_AFTER_MS).unref();
  process.once('exit', save);
}

/**
 * The bundle compiled (from the cache when there is a good one) into its module wrapper. Nothing read here
 * outlives the call: the cache's bytes and the file's text are garbage once V8 has them (~16 MB of RSS).
 */
function compile() {
  const dir = cacheDirectory();
  const stamp = statSync(file);
  const cacheFile =
    dir && join(dir, `server-${BUILD.slice(0, 16)}-${stamp.size}-${Math.trunc(stamp.mtimeMs)}.bin`);
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) saveLater(script, dir, cacheFile);
  return script.runInThisContext();
}

const server = new Module(file, module);
server.filename = file;
server.paths = Module._nodeModulePaths(__dirname);
compile()(server.exports, Module.createRequire(file), server, file, __dirname);
