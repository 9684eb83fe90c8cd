import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * In the embedded default the API serves the built SPA: any GET for a path outside /api that matched no
 * file answers index.html, so deep links such as /students/123 load the app.
 */
export class SpaFallback {
  private readonly indexHtml: Buffer;

  constructor(readonly root: string) {
    const index = join(root, 'index.html');
    if (!existsSync(index)) throw new Error(`WEB_DIST has no index.html: ${index} (build the web app first)`);
    this.indexHtml = readFileSync(index);
  }

  serves(request: FastifyRequest): boolean {
    const path = request.url.split('?')[0] ?? '/';
    return (
      (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api'
    );
  }

  send(reply: FastifyReply): void {
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(this.indexHtml);
  }
}
