import type { FastifyInstance, RouteOptions } from 'fastify';

/** The student import's CSV upload: the one route that takes a large text body (APP-05). */
export const CSV_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
export const CSV_UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/api/v1/students/import']);

/** Any other text body, public routes included: nothing else reads one, so a small cap. */
export const TEXT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * text/csv and text/plain bodies arrive as strings, capped at TEXT_BODY_LIMIT_BYTES; only the routes in
 * CSV_UPLOAD_ROUTES raise their own limit to CSV_BODY_LIMIT_BYTES (a route's bodyLimit wins over its
 * parser's), so a sign-in or webhook URL never reads 10 MB of text. Must run before routes are
 * registered (createApp calls it before app.init()).
 */
export function useTextBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: TEXT_BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('POST') && CSV_UPLOAD_ROUTES.has(route.url)) route.bodyLimit = CSV_BODY_LIMIT_BYTES;
  });
}
