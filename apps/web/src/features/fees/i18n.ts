import { useFeatureText } from '../attendance/feature-text';

export const feesText = {
  title: 'Fees',
  intro: 'Dues, payments and receipts.',
  parentIntro: "Your children's dues, payments and receipts.",
  tabs: { collect: 'Record payment' },
  status: { paid: 'Paid', partial: 'Part paid', due: 'Due', overdue: 'Overdue' },
  method: {
    cash: 'Cash',
    cheque: 'Cheque',
    bank_transfer: 'Bank transfer',
    online: 'Online',
  },
  family: {
    noChildren:
      'No children are linked to your account yet. Ask the school office to link your children to you.',
    admissionNo: 'Admission no. {{admissionNo}}',
    outstanding: 'Outstanding',
    overdue: 'Overdue',
    invoices: 'Invoices of {{name}}',
    noInvoices: 'Nothing is due for {{name}}.',
    dueOn: 'Due {{date}}',
    invoiceOutstanding: '{{amount}} outstanding of {{charged}}',
    payOnline: 'Pay online',
    payOnlineFor: 'Pay online for {{name}}',
    history: 'Payments of {{name}}',
    noPayments: 'No payments yet. Payments you make online or at the school office show here.',
    receipt: 'Receipt {{receiptNo}}',
    downloadReceipt: 'Download receipt',
    downloadReceiptNo: 'Download receipt {{receiptNo}}',
    reversed: 'Reversed',
    downloadFailed: 'The receipt could not be downloaded',
    consents: 'Choose how the school contacts you',
  },
  pay: {
    title: 'Pay for {{name}}',
    amount: 'Amount ({{currency}})',
    amountHelp: 'Up to {{max}}. You can pay part of the dues.',
    amountRequired: 'Enter an amount to pay',
    amountTooSmall: 'Enter at least 1',
    amountTooLarge: 'This is more than the outstanding dues',
    continue: 'Continue',
    confirmTitle: 'Pay {{amount}}?',
    confirmBody:
      'You will pay {{amount}} towards the dues of {{name}} through the payment gateway (sandbox).',
    confirm: 'Pay now',
    failed: 'The payment did not go through',
    successTitle: 'Payment received',
    success: '{{amount}} paid for {{name}}.',
  },
  collect: {
    search: 'Search student',
    searchHelp: 'Type at least two letters of the name',
    searchEmpty: 'No student matches. Check the spelling, or search by the first name.',
    pickStudent: 'Search for a student to see their dues and record a payment.',
    dues: 'Dues of {{name}}',
    amount: 'Amount ({{currency}})',
    method: 'Method',
    reference: 'Reference (cheque or transfer number)',
    note: 'Note',
    submit: 'Record payment',
    confirmTitle: 'Record {{amount}}?',
    confirmBody: 'A {{method}} payment of {{amount}} will be recorded for {{name}}.',
    confirm: 'Record',
    failed: 'The payment was not recorded',
    successTitle: 'Payment recorded',
    success: 'Receipt {{receiptNo}} for {{amount}}.',
    nothingDue: 'Nothing is due for this student.',
    noPermission: 'You can see fees, but recording payments needs the fee collection permission.',
  },
};

export type FeesText = typeof feesText;

export function useFeesText() {
  return useFeatureText('fees', feesText);
}
