import { OffboardingErrorCode } from '@shala/contracts';
import { ConflictError, RuleViolationError } from '../../../platform/errors/domain-error';

/** 422: the typed name is not the school's name. */
export class ConfirmationMismatchError extends RuleViolationError {
  constructor() {
    super(
      'Type the school\u2019s name exactly to confirm the termination.',
      OffboardingErrorCode.ConfirmationMismatch,
      [{ field: 'confirmName', message: 'does not match the school\u2019s name' }],
    );
  }
}

/** 409: the school is already terminated. */
export class AlreadyTerminatedError extends ConflictError {
  constructor() {
    super('The school is already terminated.', OffboardingErrorCode.AlreadyTerminated);
  }
}

/** 409: the purge date has not come yet. */
export class PurgeNotDueError extends ConflictError {
  constructor(purgeAfter: Date) {
    super(
      `The school\u2019s data is kept until ${purgeAfter.toISOString()}; it cannot be purged before.`,
      OffboardingErrorCode.PurgeNotDue,
    );
  }
}

/** 409: the school was purged already. */
export class AlreadyPurgedError extends ConflictError {
  constructor() {
    super('The school\u2019s data has already been purged.', OffboardingErrorCode.AlreadyPurged);
  }
}

/** 409: the export is still being made, failed, or is gone with the purge. */
export class ExportNotReadyError extends ConflictError {
  constructor(status: string) {
    super(`The export is not ready (it is ${status}).`, OffboardingErrorCode.ExportNotReady);
  }
}

/** 409: an export of the school is being made right now. */
export class ExportRunningError extends ConflictError {
  constructor() {
    super('The export is being made; wait for it to finish.', OffboardingErrorCode.ExportRunning);
  }
}
