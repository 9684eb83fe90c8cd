/** Local shapes of the fees API (/api/v1/fees); money is integer paise with an ISO 4217 currency. */
export type InvoiceStatus = 'paid' | 'partial' | 'due' | 'overdue';

export interface InvoiceLine {
  headId: string;
  headName: string;
  charged: number;
  concession: number;
  fine: number;
  paid: number;
  outstanding: number;
}

export interface InvoiceView {
  id: string;
  studentId: string;
  label: string;
  dueDate: string;
  currency: string;
  charged: number;
  concession: number;
  fine: number;
  paid: number;
  outstanding: number;
  status: InvoiceStatus;
  overdue: boolean;
  lines: InvoiceLine[];
}

export interface StudentDues {
  studentId: string;
  fullName: string;
  admissionNo: string;
  currency: string;
  outstanding: number;
  overdue: number;
  invoices: InvoiceView[];
}

export interface FamilyDues {
  items: StudentDues[];
  currency: string;
}

export type PaymentMethod = 'cash' | 'cheque' | 'bank_transfer' | 'online';

export interface PaymentView {
  id: string;
  studentId: string;
  amount: number;
  currency: string;
  method: string;
  reference: string | null;
  paidOn: string;
  receiptNo: string;
  status: 'completed' | 'reversed';
  reversedAt: string | null;
  reversalReason: string | null;
  createdAt: string;
  allocations: { invoiceId: string; headId: string; amount: number }[];
}

export interface OnlineOrder {
  id: string;
  studentId: string;
  amount: number;
  currency: string;
  provider: string;
  providerOrderId: string;
  status: 'created' | 'paid' | 'failed';
  paymentId: string | null;
  /** What the provider's checkout needs; `sandboxCheckout` only where the API offers the sandbox. */
  checkout?: Record<string, string | number | boolean | undefined> & { sandboxCheckout?: string };
}

export interface StudentSearchItem {
  id: string;
  fullName: string;
  admissionNo: string;
  enrolment?: { className: string; sectionName: string } | null;
}

export interface RecordPaymentBody {
  amount: number;
  method: 'cash' | 'cheque' | 'bank_transfer';
  reference?: string;
  note?: string;
}
