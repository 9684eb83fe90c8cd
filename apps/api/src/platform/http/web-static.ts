import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/** Vite's content-hashed output: a changed file gets a new name, so a browser may keep it for a year. */
const HASHED_ASSET = /[/\\]assets[/\\]/;

/**
 * Serves the built SPA (WEB_DIST) in the embedded default. The web build writes a brotli (`.br`) and a
 * gzip (`.gz`) copy beside every compressible file (apps/web/vite.config.ts), and `preCompressed` sends
 * the best one the browser accepts, with `Content-Encoding`, `Vary: Accept-Encoding` and the original
 * file's `Content-Type`; the compressed copies are never routes of their own. Hashed assets are
 * immutable; everything else (index.html, favicon) is revalidated.
 */
export async function useWebStatic(app: NestFastifyApplication, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header(
        'cache-control',
        HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
