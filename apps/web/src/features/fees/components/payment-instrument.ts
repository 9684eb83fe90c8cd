import type { PaymentView } from '@shala/contracts';
import { useFeesText } from '../i18n';
import { formatSchoolDate } from '../money';

/**
 * What identifies a payment's money for the office: a cheque's or demand draft's number, bank and date,
 * or the UTR / transaction id; null for cash without a reference.
 */
export function usePaymentInstrument(): (payment: PaymentView) => string | null {
  const t = useFeesText();
  return (payment) =>
    payment.instrument
      ? t('instrument.line', {
          number: payment.instrument.number,
          bank: payment.instrument.bank,
          date: formatSchoolDate(payment.instrument.date),
        })
      : payment.reference;
}
