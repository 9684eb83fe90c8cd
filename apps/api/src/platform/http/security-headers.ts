import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * APP-04: helmet's security headers on every answer (API, SPA, errors, unknown routes), set as each request
 * arrives. helmet turns its options into header values when it is called, so it is called once here, at
 * boot: @fastify/helmet called it again for every request (options parsed and the CSP serialised each
 * time, about 5 % of a simple read's CPU, issue 18).
 */
export function useSecurityHeaders(fastify: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const setHeaders = helmet(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
