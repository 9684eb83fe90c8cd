import { CircularsErrorCode } from '@shala/contracts';
import { ConflictError, DomainError, RuleViolationError } from '../../platform/errors/domain-error';

/** 409: a published circular never changes (nor is it deleted or scheduled again). */
export class CircularNotEditableError extends ConflictError {
  constructor() {
    super('The circular is published and cannot change.', CircularsErrorCode.NotEditable);
  }
}

/** 422: a publish time that is not in the future. */
export class PublishAtPastError extends RuleViolationError {
  constructor() {
    super('publishAt must be in the future.', CircularsErrorCode.PublishAtPast, [
      { field: 'publishAt', message: 'must be in the future' },
    ]);
  }
}

/** 422: acknowledging a circular that asks for no acknowledgement. */
export class AckNotRequiredError extends RuleViolationError {
  constructor() {
    super('This circular asks for no acknowledgement.', CircularsErrorCode.AckNotRequired);
  }
}

/** 403: reading receipts and acknowledgements are a guardian's; the caller has no guardian record. */
export class NotAGuardianError extends DomainError {
  constructor() {
    super(403, CircularsErrorCode.NotAddressed, 'Only a guardian can acknowledge a circular.');
  }
}

/** 415: an attachment whose bytes are not a PDF, whatever its content type said. */
export class NotAPdfError extends DomainError {
  constructor() {
    super(415, CircularsErrorCode.NotAPdf, 'The attachment is not a PDF (its bytes must start with %PDF-).', [
      { field: 'attachment', message: 'must be a PDF file' },
    ]);
  }
}
