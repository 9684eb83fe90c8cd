import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  utimesSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * scripts/main-loader.cjs, the dist/main.js that runs the bundled API through V8's code cache: it must run
 * the bundle as a CommonJS module, keep a cache only in a private directory, and never reuse another
 * build's cache.
 */
const LOADER = join(__dirname, '..', 'scripts', 'main-loader.cjs');

let dist: string;
let cache: string;

function build(body: string): void {
  writeFileSync(join(dist, 'server.js'), body);
  writeFileSync(
    join(dist, 'main.js'),
    readFileSync(LOADER, 'utf8').replace(
      '__SHALA_BUNDLE_SHA256__',
      createHash('sha256').update(body).digest('hex'),
    ),
  );
}

function start(
  env: Record<string, string> = {},
  args: string[] = [],
  flags: string[] = [],
): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [...flags, join(dist, 'main.js'), ...args], {
    env: { ...process.env, CODE_CACHE_DIR: cache, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return { status: r.status, stdout: r.stdout };
}

/** `dist/main.js --write-code-cache`: what an image build runs, and what the server starts when it has none. */
const writeCache = (env: Record<string, string> = {}) => start(env, ['--write-code-cache']);

/** A bundle that says whether it was started or only compiled (src/main.ts's check). */
const STARTS_UNLESS_COMPILING =
  'if (!globalThis[Symbol.for("shala.compileOnly")]) process.stdout.write("ran")';

const cacheFiles = () => readdirSync(cache).filter((f) => f.endsWith('.bin'));

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'shala-loader-'));
  dist = join(root, 'dist');
  cache = join(root, 'cache');
  mkdirSync(dist);
});
afterEach(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

describe('the bundled API loader', () => {
  it('runs the bundle as a CommonJS module of dist/, with require, module and __dirname', () => {
    build(
      `process.stdout.write(JSON.stringify({ dir: __dirname === ${JSON.stringify(dist)}, path: typeof require('node:path').join, module: module.filename === __filename }));`,
    );
    expect(JSON.parse(start().stdout)).toEqual({ dir: true, path: 'function', module: true });
  });

  it('writes the cache without starting the API, in a directory it creates closed to others, and the next start reads it', () => {
    build(STARTS_UNLESS_COMPILING);
    expect(writeCache().stdout).toBe('');
    expect(cacheFiles()).toHaveLength(1);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(cache, '..')).includes('cache')).toBe(true);
    const [file] = cacheFiles();
    const written = readFileSync(join(cache, file!));
    // A cache V8 accepts is not written again, by the writer or by a start.
    writeCache();
    expect(start().stdout).toBe('ran');
    expect(readFileSync(join(cache, file!)).equals(written)).toBe(true);
  });

  it("a start without a cache has a child write it first, under the server's V8 flags and none of its preloads", () => {
    const preload = join(dist, '..', 'preload.cjs');
    const marks = join(dist, '..', 'preloaded');
    writeFileSync(preload, `require('node:fs').appendFileSync(${JSON.stringify(marks)}, 'x');`);
    // Started, the bundle counts the caches: the cache is there before the API runs.
    build(
      `if (!globalThis[Symbol.for("shala.compileOnly")]) process.stdout.write(require("node:fs").readdirSync(process.env.CODE_CACHE_DIR).filter((f) => f.endsWith(".bin")).length + " cached")`,
    );
    const flags = ['--max-old-space-size=512', '--require', preload];
    expect(start({}, [], flags).stdout).toBe('1 cached');
    expect(readFileSync(marks, 'utf8')).toBe('x');
    // Made under the server's V8 flags: a writer under the same flags takes it and writes nothing.
    const [file] = cacheFiles();
    const written = readFileSync(join(cache, file!));
    start({}, ['--write-code-cache'], ['--max-old-space-size=512']);
    expect(readFileSync(join(cache, file!)).equals(written)).toBe(true);
  });

  it('replaces a cache V8 refuses instead of running without one from then on', () => {
    build(STARTS_UNLESS_COMPILING);
    writeCache();
    const [file] = cacheFiles();
    writeFileSync(join(cache, file!), 'not a code cache');
    expect(start().stdout).toBe('ran');
    expect(readFileSync(join(cache, file!), 'utf8')).not.toBe('not a code cache');
  });

  it('ignores a cache directory others can write to', () => {
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    build(STARTS_UNLESS_COMPILING);
    expect(start().stdout).toBe('ran');
    expect(cacheFiles()).toEqual([]);
  });

  it('uses no cache at all when CODE_CACHE_DIR is off', () => {
    build(STARTS_UNLESS_COMPILING);
    expect(start({ CODE_CACHE_DIR: 'off' }).stdout).toBe('ran');
    writeCache({ CODE_CACHE_DIR: 'off' });
    expect(() => readdirSync(cache)).toThrow();
  });

  it('never runs a cache made for another build, and drops it', () => {
    build('process.stdout.write("one")');
    const sameTime = new Date('2026-01-01T00:00:00Z');
    utimesSync(join(dist, 'server.js'), sameTime, sameTime);
    writeCache();
    const [first] = cacheFiles();
    // Same length, other code: V8 would take the old cache (it checks the source's length, not its text);
    // the file name (the bundle's hash, size and mtime) tells them apart.
    build('process.stdout.write("two")');
    utimesSync(join(dist, 'server.js'), sameTime, sameTime);
    expect(start().stdout).toBe('two');
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).not.toBe(first);
  });
});
