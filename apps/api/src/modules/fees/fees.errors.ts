import { ConflictError, DomainError, RuleViolationError } from '../../platform/errors/domain-error';

export const FeesErrorCode = {
  Overpayment: 'FEES_OVERPAYMENT',
  NothingDue: 'FEES_NOTHING_DUE',
  AlreadyReversed: 'FEES_PAYMENT_ALREADY_REVERSED',
  IdempotencyMismatch: 'IDEMPOTENCY_KEY_REUSED',
  DuplicateHead: 'FEES_HEAD_EXISTS',
  DuplicateStructure: 'FEES_STRUCTURE_EXISTS',
  NotCurrentYear: 'FEES_NOT_CURRENT_YEAR',
  ConcessionTooLarge: 'FEES_CONCESSION_EXCEEDS_DUE',
  OrderNotPending: 'FEES_ORDER_NOT_PENDING',
  GatewayIncomplete: 'FEES_GATEWAY_INCOMPLETE',
} as const;

export class OverpaymentError extends RuleViolationError {
  constructor(outstanding: number, currency: string) {
    super(
      `The amount is more than the ${outstanding} ${currency} (minor units) outstanding; fees are never overpaid.`,
      FeesErrorCode.Overpayment,
      [{ field: 'amount', message: `must be at most ${outstanding}` }],
    );
  }
}

export class IdempotencyKeyReusedError extends ConflictError {
  constructor() {
    super(
      'This Idempotency-Key was already used with a different request.',
      FeesErrorCode.IdempotencyMismatch,
    );
  }
}

export class StaffOnlyError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'Fee reports are for school staff.');
  }
}
