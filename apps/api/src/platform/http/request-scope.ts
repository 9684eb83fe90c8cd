import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { CLS_ID, ClsService } from 'nestjs-cls';
import type { RequestLogging } from '../logging/request-logging';
import type { ShalaStore } from '../tenancy/request-context';
import { requestIdFor } from './request-id';

const SCOPE = Symbol('shala.requestScope');
type WithScope = { [SCOPE]?: { store: ShalaStore; res: ServerResponse } };

/**
 * Opens each request's context in one Fastify onRequest hook: the request context (nestjs-cls, one
 * AsyncLocalStorage run) carrying the request id and user agent, which the access guard later fills with
 * the verified tenant and user (TEN-01), and the request's log in it. The request line is written when the
 * answer has gone (onResponse) or the client went away (onRequestAbort).
 *
 * This replaces three Nest middlewares run through @fastify/middie for every request (nestjs-cls's, which
 * awaited four steps, pino-http's, which serialised and redacted every request into a child logger, and
 * nestjs-pino's second AsyncLocalStorage, which every promise of the request then paid for): about 8 % of
 * a point read's CPU (issue 18). Registered before the routes, so no route runs outside a context.
 */
export function useRequestScope(
  fastify: FastifyInstance,
  cls: ClsService<ShalaStore>,
  logging: RequestLogging,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const req = request.raw;
    const requestId = requestIdFor(req);
    const store: ShalaStore = { [CLS_ID]: requestId, requestId, userAgent: req.headers['user-agent'] };
    logging.open(store, req, requestId);
    (request as WithScope)[SCOPE] = { store, res: reply.raw };
    cls.runWith(store, done);
  });
  // Once per request: an aborted request that later finishes gets no second line.
  const close = (request: FastifyRequest) => {
    const scope = (request as WithScope)[SCOPE];
    if (!scope) return;
    (request as WithScope)[SCOPE] = undefined;
    logging.close(scope.store, scope.res);
  };
  fastify.addHook('onResponse', (request, _reply, done) => {
    close(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    close(request);
    done();
  });
}
