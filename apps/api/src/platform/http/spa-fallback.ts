import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The web build's copy of index.html for one screen: `pages/attendance.html` (apps/web/screen-pages.ts). */
const PAGE_FILE = /^([a-z][a-z0-9-]*)\.html$/;

/** The page of the dashboard, at `/`. */
const ROOT_PAGE = 'root';

/** A page as built, with the brotli and gzip copies the web build writes beside it (when it did). */
interface Page {
  html: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

function readPage(file: string): Page {
  const copy = (suffix: string) => (existsSync(file + suffix) ? readFileSync(file + suffix) : undefined);
  return { html: readFileSync(file), br: copy('.br'), gzip: copy('.gz') };
}

/**
 * The codings an Accept-Encoding header allows, by name (`br;q=0` refuses brotli; `*` stands for any
 * coding not named).
 */
export function acceptedEncodings(header: string | string[] | undefined): (coding: string) => boolean {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [rawName = '', ...params] = part.toLowerCase().split(';');
    const name = rawName.trim();
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, weight === undefined ? 1 : Number(weight));
  }
  return (coding) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
}

/**
 * In the embedded default the API serves the built SPA: any GET for a path outside /api that matched no
 * file answers the app's HTML, so deep links such as /students/123 load the app. The web build writes,
 * beside index.html, one copy per screen that also preloads that screen's chunks (`pages/<first path
 * segment>.html`, `pages/root.html` for `/`), so a phone fetches them with the entry instead of after it;
 * a path of no screen gets index.html. Nginx serves the same files (nginx/snippets/shala-server.conf).
 */
export class SpaFallback {
  private readonly indexHtml: Page;
  private readonly pages = new Map<string, Page>();

  constructor(readonly root: string) {
    const index = join(root, 'index.html');
    if (!existsSync(index)) throw new Error(`WEB_DIST has no index.html: ${index} (build the web app first)`);
    this.indexHtml = readPage(index);
    const pagesDir = join(root, 'pages');
    if (existsSync(pagesDir)) {
      for (const file of readdirSync(pagesDir)) {
        const segment = PAGE_FILE.exec(file)?.[1];
        if (segment) this.pages.set(segment, readPage(join(pagesDir, file)));
      }
    }
  }

  serves(request: FastifyRequest): boolean {
    const path = pathOf(request.url);
    return (
      (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api'
    );
  }

  /** The page, compressed as the web build compressed it when the browser accepts that (as for assets). */
  send(reply: FastifyReply): void {
    const page = this.pageFor(pathOf(reply.request.url));
    const accepts = acceptedEncodings(reply.request.headers['accept-encoding']);
    const [coding, body] =
      page.br && accepts('br')
        ? ['br', page.br]
        : page.gzip && accepts('gzip')
          ? ['gzip', page.gzip]
          : [null, page.html];
    reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding');
    if (coding) reply.header('content-encoding', coding);
    void reply.send(body);
  }

  /** The screen's page by the path's first segment, or index.html. */
  private pageFor(path: string): Page {
    const segment = /^\/([^/]*)/.exec(path)?.[1] ?? '';
    return this.pages.get(segment === '' ? ROOT_PAGE : segment) ?? this.indexHtml;
  }
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? '/';
}
