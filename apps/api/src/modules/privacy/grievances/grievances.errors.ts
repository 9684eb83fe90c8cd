import { GrievanceErrorCode } from '@shala/contracts';
import { ConflictError } from '../../../platform/errors/domain-error';

/** 409: only an open grievance can be answered. */
export class GrievanceAlreadyAnsweredError extends ConflictError {
  constructor(status: string) {
    super(`The grievance is already ${status}.`, GrievanceErrorCode.AlreadyAnswered);
  }
}
