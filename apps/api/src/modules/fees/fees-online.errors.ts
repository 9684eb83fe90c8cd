import { CommonErrorCode } from '@shala/contracts';
import { DomainError, RuleViolationError } from '../../platform/errors/domain-error';

export const FeesOnlineErrorCode = {
  OnlinePaymentsNotSetUp: 'FEES_ONLINE_PAYMENTS_NOT_SET_UP',
} as const;

export class PaymentWebhookSignatureError extends DomainError {
  constructor() {
    super(401, CommonErrorCode.Unauthenticated, 'The webhook signature does not verify.');
  }
}

/** No payment provider for new orders: the school has no Razorpay account ready and there is no sandbox. */
export class OnlinePaymentsNotSetUpError extends RuleViolationError {
  constructor() {
    super(
      'Online payments are not set up for this school; pay at the school office, or ask the school to set up its payment gateway.',
      FeesOnlineErrorCode.OnlinePaymentsNotSetUp,
    );
  }
}
