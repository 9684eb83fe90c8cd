import { HttpException, HttpStatus } from '@nestjs/common';
import { CommonErrorCode, ErrorDetail, ErrorEnvelope } from '@shala/contracts';
import {
  foreignKeyFacts,
  isDatabaseUnavailable,
  isDeadlock,
  isForeignKeyViolation,
  isUniqueViolation,
  uniqueViolationFacts,
} from '../database/driver-errors';
import { isRedisUnavailable } from '../redis/redis-client';
import { DomainError } from './domain-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  405: CommonErrorCode.MethodNotAllowed,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  422: CommonErrorCode.RuleViolation,
  429: CommonErrorCode.Throttled,
  503: CommonErrorCode.DependencyUnavailable,
};

/** Seconds a client is asked to wait before retrying when a dependency is down (Retry-After). */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

export interface ResolvedError {
  status: number;
  body: Omit<ErrorEnvelope, 'requestId'>;
  /** True for failures that are ours, not the caller's: logged with their stack. */
  internal: boolean;
  /** Set for an unavailable dependency: logged as one warning line with this reason, no stack. */
  warning?: string;
  headers?: Record<string, string>;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function isFastifyError(error: unknown): error is FastifyLikeError & Error {
  return (
    error instanceof Error &&
    typeof (error as FastifyLikeError).code === 'string' &&
    String((error as FastifyLikeError).code).startsWith('FST_')
  );
}

function envelope(code: string, message: string, details?: ErrorDetail[]): Omit<ErrorEnvelope, 'requestId'> {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

function reasonOf(error: unknown): string {
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  };
  const code = e?.driverError?.code ?? e?.code;
  const message = e?.driverError?.message ?? e?.message;
  return (
    [code, message].filter((part) => typeof part === 'string' && part !== '').join(': ') || String(error)
  );
}

function dependencyUnavailable(reason: string): ResolvedError {
  return {
    status: 503,
    body: envelope(
      CommonErrorCode.DependencyUnavailable,
      'A service this request needs is unavailable; try again shortly.',
    ),
    internal: false,
    warning: reason,
    headers: { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) },
  };
}

/**
 * The database and Redis failures a request can meet, each mapped once for every route (and guard):
 * unreachable or too slow answers 503 with Retry-After; a missing referenced record 422 naming the field;
 * a record still referenced, a duplicate or a deadlock 409. None of them is a 500.
 */
function resolveDependencyError(error: unknown): ResolvedError | null {
  if (isDatabaseUnavailable(error) || isRedisUnavailable(error))
    return dependencyUnavailable(reasonOf(error));
  if (isForeignKeyViolation(error)) {
    const { referenced, fields } = foreignKeyFacts(error);
    if (referenced) {
      return {
        status: 409,
        body: envelope(CommonErrorCode.Conflict, 'The record is still in use by other records.'),
        internal: false,
      };
    }
    return {
      status: 422,
      body: envelope(
        CommonErrorCode.RuleViolation,
        fields.length > 0
          ? `${fields.join(', ')}: the referenced record does not exist.`
          : 'A referenced record does not exist.',
        fields.map((field) => ({ field, message: 'does not exist' })),
      ),
      internal: false,
    };
  }
  if (isUniqueViolation(error)) {
    const { fields } = uniqueViolationFacts(error);
    return {
      status: 409,
      body: envelope(
        CommonErrorCode.Conflict,
        fields.length > 0
          ? `${fields.join(', ')}: a record with this value already exists.`
          : 'A record with these values already exists.',
        fields.map((field) => ({ field, message: 'already exists' })),
      ),
      internal: false,
    };
  }
  if (isDeadlock(error)) {
    return {
      status: 409,
      body: envelope(
        CommonErrorCode.Conflict,
        'Another change to the same records happened at the same moment; try again.',
      ),
      internal: false,
      headers: { 'retry-after': '1' },
    };
  }
  return null;
}

/** Maps anything thrown to a status and the one error envelope. Never exposes a stack or internal message. */
export function resolveError(error: unknown, route?: { method: string; url: string }): ResolvedError {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: envelope(error.code, error.message, error.details),
      internal: false,
      ...(error.status === 503
        ? { headers: { 'retry-after': String(DEPENDENCY_RETRY_AFTER_SECONDS) }, warning: error.message }
        : {}),
    };
  }
  const dependency = resolveDependencyError(error);
  if (dependency) return dependency;
  if (
    isFastifyError(error) ||
    (error instanceof SyntaxError && (error as FastifyLikeError).statusCode === 400)
  ) {
    const status = (error as FastifyLikeError).statusCode ?? 500;
    const code = (error as FastifyLikeError).code;
    // The router refuses a path before any route runs: bad percent-encoding, or a parameter over its
    // length limit. The path is not echoed back.
    if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH') {
      return {
        status: 400,
        body: envelope(
          CommonErrorCode.ValidationFailed,
          code === 'FST_ERR_BAD_URL'
            ? 'The URL is not valid: a path segment is not correctly percent-encoded.'
            : 'The URL is not valid: a path parameter is longer than 100 characters.',
        ),
        internal: false,
      };
    }
    if (status === 413) {
      return {
        status,
        body: envelope(
          CommonErrorCode.PayloadTooLarge,
          'The request body is larger than this endpoint accepts.',
        ),
        internal: false,
      };
    }
    if (status === 415) {
      return {
        status,
        body: envelope(CommonErrorCode.UnsupportedMediaType, 'Send the body as application/json.'),
        internal: false,
      };
    }
    if (status === 400) {
      return {
        status,
        body: envelope(CommonErrorCode.MalformedBody, 'The request body is not valid JSON.'),
        internal: false,
      };
    }
    if (status < 500)
      return {
        status,
        body: envelope(CODE_BY_STATUS[status] ?? 'BAD_REQUEST', error.message),
        internal: false,
      };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === HttpStatus.NOT_FOUND && route && /^Cannot [A-Z]+ /.test(error.message)) {
      const path = route.url.split('?')[0];
      return {
        status,
        body: envelope(CommonErrorCode.RouteNotFound, `No route ${route.method} ${path}.`),
        internal: false,
      };
    }
    // Nest re-throws Fastify's body-parser errors as HttpException(message, status): a bare string at 400.
    if (status === HttpStatus.BAD_REQUEST && typeof error.getResponse() === 'string') {
      return {
        status,
        body: envelope(
          CommonErrorCode.MalformedBody,
          `The request body could not be parsed: ${error.message}`,
        ),
        internal: false,
      };
    }
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
      return {
        status,
        body: envelope(
          CommonErrorCode.PayloadTooLarge,
          'The request body is larger than this endpoint accepts.',
        ),
        internal: false,
      };
    }
    if (status < 500) {
      const response = error.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : ((response as { message?: unknown }).message ?? error.message);
      const retryAfter = (response as { retryAfter?: number }).retryAfter;
      return {
        status,
        body: envelope(
          CODE_BY_STATUS[status] ?? 'BAD_REQUEST',
          Array.isArray(message) ? message.join('; ') : String(message),
        ),
        internal: false,
        ...(retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {}),
      };
    }
    if (status === HttpStatus.SERVICE_UNAVAILABLE) return dependencyUnavailable(error.message);
  }
  return {
    status: 500,
    body: envelope(
      CommonErrorCode.InternalError,
      'Something went wrong on our side; the error has been logged.',
    ),
    internal: true,
  };
}
