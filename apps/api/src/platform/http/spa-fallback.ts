import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The web build's copy of index.html for one screen: `pages/attendance.html` (apps/web/screen-pages.ts). */
const PAGE_FILE = /^([a-z][a-z0-9-]*)\.html$/;

/** The page of the dashboard, at `/`. */
const ROOT_PAGE = 'root';

/**
 * In the embedded default the API serves the built SPA: any GET for a path outside /api that matched no
 * file answers the app's HTML, so deep links such as /students/123 load the app. The web build writes,
 * beside index.html, one copy per screen that also preloads that screen's chunks (`pages/<first path
 * segment>.html`, `pages/root.html` for `/`), so a phone fetches them with the entry instead of after it;
 * a path of no screen gets index.html. Nginx serves the same files (nginx/snippets/shala-server.conf).
 */
export class SpaFallback {
  private readonly indexHtml: Buffer;
  private readonly pages = new Map<string, Buffer>();

  constructor(readonly root: string) {
    const index = join(root, 'index.html');
    if (!existsSync(index)) throw new Error(`WEB_DIST has no index.html: ${index} (build the web app first)`);
    this.indexHtml = readFileSync(index);
    const pagesDir = join(root, 'pages');
    if (existsSync(pagesDir)) {
      for (const file of readdirSync(pagesDir)) {
        const segment = PAGE_FILE.exec(file)?.[1];
        if (segment) this.pages.set(segment, readFileSync(join(pagesDir, file)));
      }
    }
  }

  serves(request: FastifyRequest): boolean {
    const path = pathOf(request.url);
    return (
      (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api'
    );
  }

  send(reply: FastifyReply): void {
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(this.htmlFor(pathOf(reply.request.url)));
  }

  /** The screen's page by the path's first segment, or index.html. */
  private htmlFor(path: string): Buffer {
    const segment = /^\/([^/]*)/.exec(path)?.[1] ?? '';
    return this.pages.get(segment === '' ? ROOT_PAGE : segment) ?? this.indexHtml;
  }
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? '/';
}
