import type { ErrorDetail } from '@shala/contracts';
import { ValidationFailedError } from '../../../platform/errors/domain-error';

/** 400: a period outside its bounds; each detail names the field and the floor or ceiling it broke. */
export class RetentionPolicyInvalidError extends ValidationFailedError {
  constructor(details: ErrorDetail[]) {
    super(details, details.map((d) => d.message).join(' '));
  }
}
