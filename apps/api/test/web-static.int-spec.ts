import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** A built SPA as apps/web's build leaves it: hashed assets with .br and .gz copies beside them. */
function writeWebDist(): { dir: string; js: string; css: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shala-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  const js = `export const routes = [${Array.from({ length: 300 }, (_, i) => `"/screen-${i}"`).join(',')}];\n`;
  const css = `${Array.from({ length: 200 }, (_, i) => `.c${i}{color:#123456}`).join('\n')}\n`;
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Shala</title><div id="root"></div>\n');
  // The build's page per screen (apps/web/screen-pages.ts): index.html plus that screen's preloads.
  mkdirSync(join(dir, 'pages'));
  for (const page of ['root', 'students'])
    writeFileSync(join(dir, 'pages', `${page}.html`), `<!doctype html><title>Shala</title><!--${page}-->\n`);
  // As the build compresses them (the root page is left without copies here).
  const students = Buffer.from('<!doctype html><title>Shala</title><!--students-->\n');
  writeFileSync(join(dir, 'pages', 'students.html.br'), brotliCompressSync(students));
  writeFileSync(join(dir, 'pages', 'students.html.gz'), gzipSync(students));
  for (const [name, text] of [
    ['index-AbC123.js', js],
    ['index-DeF456.css', css],
  ] as const) {
    const file = join(dir, 'assets', name);
    writeFileSync(file, text);
    writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(text)));
    writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text)));
  }
  return { dir, js, css };
}

describe(`the embedded server's SPA files on ${TEST_DB}`, () => {
  let t: TestApp;
  let web: ReturnType<typeof writeWebDist>;
  beforeAll(async () => {
    web = writeWebDist();
    t = await bootTestApp({ WEB_DIST: web.dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(web.dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli copy of the JS bundle to a browser that accepts br', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(web.js);
  });

  it('sends the gzip copy to a browser that accepts only gzip, and CSS as text/css', async () => {
    const js = await get('/assets/index-AbC123.js', 'gzip');
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.rawPayload).toString()).toBe(web.js);
    const css = await get('/assets/index-DeF456.css', 'gzip, br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(brotliDecompressSync(css.rawPayload).toString()).toBe(web.css);
  });

  it('sends the file as it is, still varying on Accept-Encoding, to a client that accepts neither', async () => {
    const res = await get('/assets/index-AbC123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.payload).toBe(web.js);
  });

  it('never serves a compressed copy under its own name', async () => {
    const res = await get('/assets/index-AbC123.js.br', 'br');
    // Not a file route: the SPA fallback answers index.html, never brotli bytes labelled as something else.
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it("answers a screen's path with that screen's page, and any other path with index.html", async () => {
    for (const [url, page] of [
      ['/', 'root'],
      ['/students', 'students'],
      ['/students/123?tab=fees', 'students'],
      ['/attendance/today', null],
      ['/Students/1', null],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      if (page) expect(res.payload, url).toContain(`<!--${page}-->`);
      else expect(res.payload, url).toBe('<!doctype html><title>Shala</title><div id="root"></div>\n');
    }
  });

  it("sends a screen's page compressed as the build left it, as the browser's Accept-Encoding allows", async () => {
    const page = '<!doctype html><title>Shala</title><!--students-->\n';
    for (const [acceptEncoding, coding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', null],
      [undefined, null],
    ] as const) {
      const res = await get('/students/123', acceptEncoding);
      const what = `${acceptEncoding}`;
      expect(res.statusCode, what).toBe(200);
      expect(res.headers['content-type'], what).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], what).toBe('no-cache');
      expect(String(res.headers.vary), what).toMatch(/accept-encoding/i);
      expect(res.headers['content-encoding'], what).toBe(coding ?? undefined);
      const body =
        coding === 'br'
          ? brotliDecompressSync(res.rawPayload)
          : coding === 'gzip'
            ? gunzipSync(res.rawPayload)
            : res.rawPayload;
      expect(body.toString(), what).toBe(page);
    }
    // A page built without copies goes as it is.
    const root = await get('/', 'br, gzip');
    expect(root.headers['content-encoding']).toBeUndefined();
    expect(root.payload).toContain('<!--root-->');
  });

  it('has index.html revalidated on every load, for the root and a deep link', async () => {
    for (const url of ['/', '/students/123', '/index.html']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
