import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdFor } from '../http/request-id';
import { SpaFallback } from '../http/spa-fallback';
import { resolveError } from './error-envelope';

/** The global filter: every error, including unknown routes, leaves in the one envelope. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly spa: SpaFallback | null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const resolved = resolveError(exception, { method: request.method, url: request.url });
    if (resolved.status === 404 && this.spa?.serves(request)) {
      this.spa.send(reply);
      return;
    }
    sendError(reply, request, resolved, this.logger, exception);
  }
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  resolved: ReturnType<typeof resolveError>,
  logger: Logger,
  exception: unknown,
): void {
  const requestId = requestIdFor(request.raw);
  if (resolved.internal) {
    logger.error(
      { err: exception, requestId },
      exception instanceof Error ? exception.message : 'non-error thrown',
    );
  } else if (resolved.warning) {
    logger.warn(
      { requestId, status: resolved.status, reason: resolved.warning },
      `dependency unavailable: ${resolved.warning}`,
    );
  }
  if (reply.sent) return;
  reply
    .status(resolved.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-request-id', requestId);
  for (const [name, value] of Object.entries(resolved.headers ?? {})) reply.header(name, value);
  void reply.send({ ...resolved.body, requestId });
}
