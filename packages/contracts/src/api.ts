/** Error codes every module may answer with; domain modules add their own UPPER_SNAKE codes. */
export const CommonErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedBody: 'MALFORMED_BODY',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RuleViolation: 'RULE_VIOLATION',
  Throttled: 'THROTTLED',
  DependencyUnavailable: 'DEPENDENCY_UNAVAILABLE',
  InternalError: 'INTERNAL_ERROR',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

export interface ErrorDetail {
  /** The field (dotted path) or row/column the detail is about. */
  field?: string;
  message: string;
  [key: string]: unknown;
}

/** The one envelope every error answers with. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: ErrorDetail[] };
  requestId: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export interface HealthStatus {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down' | 'not_configured'>;
}

/** GET health/live: the process answers. */
export interface LivenessStatus {
  status: 'ok';
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}
