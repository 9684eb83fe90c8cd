import type { ErrorDetail } from '@shala/contracts';
import { CommonErrorCode } from '@shala/contracts';

/**
 * A typed error a service throws for the caller's mistake or a broken rule. The global filter turns it
 * into the one envelope `{ error: { code, message, details? }, requestId }` with its HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: ErrorDetail[], message = 'The request is invalid; see details for each field.') {
    super(400, CommonErrorCode.ValidationFailed, message, details);
  }
}

/** 404 for records that do not exist and for records the caller may not see (existence never leaks). */
export class NotFoundError extends DomainError {
  constructor(what = 'The record') {
    super(404, CommonErrorCode.NotFound, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code: string = CommonErrorCode.Conflict, details?: ErrorDetail[]) {
    super(409, code, message, details);
  }
}

export class RuleViolationError extends DomainError {
  constructor(message: string, code: string = CommonErrorCode.RuleViolation, details?: ErrorDetail[]) {
    super(422, code, message, details);
  }
}

export class DependencyUnavailableError extends DomainError {
  constructor(message: string) {
    super(503, CommonErrorCode.DependencyUnavailable, message);
  }
}

/**
 * A programming error in tenant scoping (TEN-01..03): never the caller's fault, so it answers 500,
 * and it always stops the statement before it reaches the database.
 */
export class TenantIsolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantIsolationError';
  }
}
