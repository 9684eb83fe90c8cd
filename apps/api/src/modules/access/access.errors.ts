import { AccessErrorCode, type ErrorDetail } from '@shala/contracts';
import { DomainError } from '../../platform/errors/domain-error';

/**
 * 403 for a grant the caller may not make (AZ-02): roles or permissions beyond their own, or a user who
 * holds more than they do. The details name each role, permission or user refused.
 */
export class GrantRefusedError extends DomainError {
  constructor(code: AccessErrorCode, message: string, details?: ErrorDetail[]) {
    super(403, code, message, details);
  }
}
