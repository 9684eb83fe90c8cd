import { PrivacyErasureErrorCode } from '@shala/contracts';
import { ConflictError, DomainError } from '../../../platform/errors/domain-error';

/** 422: the request is not of the type the action needs (erasure, restriction). */
export class WrongRequestTypeError extends DomainError {
  constructor(type: 'erasure' | 'restriction' | 'correction') {
    super(
      422,
      type === 'erasure'
        ? PrivacyErasureErrorCode.NotAnErasureRequest
        : type === 'restriction'
          ? PrivacyErasureErrorCode.NotARestrictionRequest
          : PrivacyErasureErrorCode.NotACorrectionRequest,
      `Only a ${type} request about a student or guardian can do this.`,
    );
  }
}

/** 422: the typed confirmation is not the subject's name or admission number. */
export class ErasureConfirmationError extends DomainError {
  constructor() {
    super(
      422,
      PrivacyErasureErrorCode.ConfirmationMismatch,
      "Type the subject's full name or admission number to confirm.",
    );
  }
}

/** 409: the 48-hour notice has not run out yet. */
export class ErasureNotDueError extends ConflictError {
  constructor(executesAt: Date) {
    super(
      `The erasure executes at ${executesAt.toISOString()}, not before.`,
      PrivacyErasureErrorCode.ErasureNotDue,
    );
  }
}

/** 409: the erasure is already scheduled, executed or cancelled. */
export class ErasureStateError extends ConflictError {
  constructor(status: string) {
    super(`The erasure is ${status}.`, PrivacyErasureErrorCode.ErasureState);
  }
}

/** 409: a scheduled erasure completes its request when it executes; cancel it to close the request otherwise. */
export class ErasureScheduledError extends ConflictError {
  constructor() {
    super(
      'The erasure is scheduled: it completes the request when it executes. Cancel it first to close the request otherwise.',
      PrivacyErasureErrorCode.ErasureState,
    );
  }
}
