import { PrivacyErrorCode } from '@shala/contracts';
import { ConflictError, DomainError } from '../../platform/errors/domain-error';

/** 429: the school already has the most archive jobs running at once. */
export class ArchiveJobsBusyError extends DomainError {
  constructor(limit: number) {
    super(
      429,
      PrivacyErrorCode.ArchiveJobsBusy,
      `At most ${limit} archives are made at once; try again shortly.`,
    );
  }
}

/** 409: the archive is still being made, failed, or has expired. */
export class ArchiveNotReadyError extends ConflictError {
  constructor(status: string) {
    super(`The archive is not ready (it is ${status}).`, PrivacyErrorCode.ArchiveNotReady);
  }
}

/** 409: the request cannot move to that status from where it is. */
export class PrivacyTransitionError extends ConflictError {
  constructor(from: string, to: string) {
    super(`A request that is ${from} cannot become ${to}.`, PrivacyErrorCode.InvalidTransition);
  }
}

/** 422: only an access request has an archive. */
export class NotAnAccessRequestError extends DomainError {
  constructor() {
    super(422, PrivacyErrorCode.NotAnAccessRequest, 'Only an access request has an archive.');
  }
}
