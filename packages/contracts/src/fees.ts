/**
 * Request and response bodies of fees (/api/v1/fees): structures, invoices, payments, rules, reports.
 * Money is integer minor units (paise) with an ISO 4217 currency.
 */

export interface FeeHead {
  id: string;
  name: string;
  optional: boolean;
}

export interface StructureLine {
  headId: string;
  headName: string;
  amount: number;
}

export interface StructureInstalment {
  id: string;
  seq: number;
  label: string;
  dueDate: string;
  total: number;
  lines: StructureLine[];
}

export interface FeeStructure {
  id: string;
  academicYearId: string;
  classId: string;
  name: string;
  currency: string;
  total: number;
  instalments: StructureInstalment[];
}

export interface CreateStructureBody {
  classId: string;
  academicYearId?: string;
  name: string;
  instalments: { label: string; dueDate: string; lines: { headId: string; amount: number }[] }[];
}

/** The answer of an invoice run: invoices created now, invoices that already existed, students invoiced. */
export interface InvoiceRunResult {
  created: number;
  skipped: number;
  students: number;
}

export interface OptionalHeadCharge {
  headId: string;
  amountPerInstalment: number;
}

/** PUT fees/students/:studentId/optional-heads answers the heads as saved. */
export interface OptionalHeadsUpdate {
  heads: OptionalHeadCharge[];
}

/** GET fees/students/:studentId/optional-heads: the student's optional heads this year. */
export interface StudentOptionalHeads extends OptionalHeadsUpdate {
  academicYearId: string;
}

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
  /** Past its due date with something still outstanding (also when partly paid). */
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

/** GET fees/family: the caller's children (parent) or self (student), each with dues. */
export interface FamilyDues {
  items: StudentDues[];
  currency: string;
}

export interface LedgerEntryView {
  id: string;
  entryDate: string;
  kind: string;
  invoiceId: string;
  headId: string;
  amount: number;
  paymentId: string | null;
  reversesEntryId: string | null;
  memo: string | null;
  /** The running balance after this entry. */
  balance: number;
}

export interface StudentLedger {
  currency: string;
  balance: number;
  items: LedgerEntryView[];
}

/** GET fees/ledger: a student's ledger one page at a time. */
export interface LedgerPage extends StudentLedger {
  nextCursor: string | null;
}

export const PAYMENT_METHODS = [
  'cash',
  'upi',
  'card',
  'demand_draft',
  'cheque',
  'bank_transfer',
  'online',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** What a cashier records at the counter (online payments come through the gateway). */
export type CounterPaymentMethod = Exclude<PaymentMethod, 'online'>;
/** Methods paid with a paper instrument: its number, drawee bank and instrument date are recorded. */
export const INSTRUMENT_METHODS = ['cheque', 'demand_draft'] as const;
/** Methods with a reference (UPI UTR, card transaction id, bank transfer UTR). */
export const REFERENCE_METHODS = ['upi', 'card', 'bank_transfer'] as const;

/** A cheque's or demand draft's details (null for other methods). */
export interface PaymentInstrument {
  number: string;
  bank: string;
  /** The date written on the instrument, YYYY-MM-DD. */
  date: string;
}

export interface PaymentView {
  id: string;
  studentId: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** UPI UTR, card transaction id, bank transfer UTR or the gateway's payment id. */
  reference: string | null;
  /** Cheque or demand draft details; null for other methods. */
  instrument: PaymentInstrument | null;
  /** The day the money was received (a backdated counter payment's date), YYYY-MM-DD. */
  paidOn: string;
  receiptNo: string;
  status: 'completed' | 'reversed';
  reversedAt: string | null;
  reversalReason: string | null;
  createdAt: string;
  allocations: { invoiceId: string; headId: string; amount: number }[];
}

/** A row of the payments register (GET /fees/payments): the payment with its student's name. */
export interface PaymentListItem extends PaymentView {
  fullName: string;
  admissionNo: string;
}

export interface RecordPaymentBody {
  amount: number;
  method: CounterPaymentMethod;
  /** UPI/card/bank transfer reference (UTR or transaction id). */
  reference?: string;
  /** Cheque or demand draft: number (required), bank (required) and instrument date (required). */
  instrumentNo?: string;
  instrumentBank?: string;
  instrumentDate?: string;
  /** The day the money was received: today by default, never in the future nor before the open period. */
  paidOn?: string;
  note?: string;
}

export interface OnlineOrder {
  id: string;
  studentId: string;
  amount: number;
  currency: string;
  provider: string;
  providerOrderId: string;
  status: 'created' | 'paid' | 'failed';
  /** The first child's payment (each child gets its own payment and receipt: see `parts`). */
  paymentId: string | null;
  /** What the order pays per child: one part for a single child, one per child for a family order. */
  parts: OnlineOrderPart[];
  /** What the provider's checkout needs; `sandboxCheckout` only where the API offers the sandbox. */
  checkout: Record<string, string | number>;
}

export interface OnlineOrderPart {
  studentId: string;
  amount: number;
  /** The child's payment once the provider confirmed (its own receipt). */
  paymentId: string | null;
}

/** POST fees/family/online-orders: one gateway order for several of the caller's children. */
export interface FamilyOrderBody {
  children: { studentId: string; amount: number }[];
}

/** What a payment provider's webhook did. */
export interface PaymentWebhookOutcome {
  outcome: 'credited' | 'duplicate' | 'ignored' | 'failed' | 'unallocatable';
}

export interface GatewaySettingsView {
  provider: 'razorpay';
  enabled: boolean;
  /** Enabled and complete: parents' online payments go to Razorpay (otherwise to the sandbox). */
  ready: boolean;
  problems: string[];
  /** Razorpay's public key id (it is shown to the checkout anyway). */
  keyId: string | null;
  /** Credentials are never returned: only whether each is set. */
  secrets: Record<'keySecret' | 'webhookSecret', { set: boolean }>;
  /** The URL to register as the webhook in Razorpay's dashboard (events payment.captured, payment.failed). */
  webhookUrl: string;
  updatedAt: string | null;
}

export const LATE_FEE_KINDS = ['flat', 'percent', 'per_day'] as const;
export type LateFeeKind = (typeof LATE_FEE_KINDS)[number];

export interface LateFeeRule {
  id: string;
  name: string;
  kind: LateFeeKind;
  /** flat: the fine; per_day: the fine per day after the grace period. */
  amount: number;
  /** percent: basis points of the invoice's charges. */
  basisPoints: number | null;
  graceDays: number;
  cap: number | null;
  /** The head fines are booked to (e.g. "Late fee"). */
  headId: string;
  active: boolean;
}

export interface LateFeeRuleBody {
  name: string;
  kind: LateFeeKind;
  amount?: number;
  percentBasisPoints?: number;
  graceDays?: number;
  cap?: number;
  headId: string;
}

export const REMINDER_KINDS = ['before_due', 'on_due', 'overdue_every'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderRule {
  id: string;
  kind: ReminderKind;
  days: number;
  active: boolean;
}

export const ADJUSTMENT_KINDS = ['concession', 'waiver', 'fine'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export interface AdjustmentBody {
  kind: AdjustmentKind;
  headId?: string;
  amount?: number;
  percentBasisPoints?: number;
  category?: string;
  reason: string;
}

export interface DefaulterRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  className: string;
  sectionName: string;
  /** The first guardian's phone, masked (e.g. 98••••••10); never the full number. */
  guardianPhoneMasked: string | null;
  /** Whether a reminder was already queued from this report today. */
  remindedToday: boolean;
  outstanding: number;
  oldestDueDate: string;
  daysOverdue: number;
}

export interface DefaultersQuery {
  asOf?: string;
  classId?: string;
  minDaysOverdue?: number;
}

export interface DefaultersReport {
  asOf: string;
  currency: string;
  totalOutstanding: number;
  count: number;
  items: DefaulterRow[];
}

/** GET fees/defaulters: the report one page at a time (the totals cover every page). */
export interface DefaultersPage extends DefaultersReport {
  nextCursor: string | null;
}

export const COLLECTION_GROUPS = ['day', 'class', 'head'] as const;
export type CollectionGroup = (typeof COLLECTION_GROUPS)[number];

export interface CollectionsQuery {
  from: string;
  to: string;
  groupBy: CollectionGroup;
}

export interface CollectionsReport {
  from: string;
  to: string;
  groupBy: CollectionGroup;
  currency: string;
  totalCollected: number;
  items: { key: string; label: string; amount: number }[];
}

/** GET fees/collections: the report one page at a time (the total covers every page). */
export interface CollectionsPage extends CollectionsReport {
  nextCursor: string | null;
}

export interface PaymentListQuery {
  studentId?: string;
  from?: string;
  to?: string;
  method?: PaymentMethod;
  status?: 'completed' | 'reversed';
}

/** What one run of the daily fee job did (it is idempotent: a second run the same day adds nothing). */
export interface DailyRunResult {
  asOf: string;
  /** Invoices created for students enrolled since the last run (structures apply on enrolment). */
  invoices: number;
  lateFees: { invoices: number; amount: number };
  reminders: { sent: number; enqueued: number };
}

/** POST fees/students/:studentId/remind: a fee reminder queued to the guardians who opted in. */
export interface FeeReminderOutcome {
  /** queued: sent now; already_sent: a reminder was queued today already (nothing new). */
  outcome: 'queued' | 'already_sent';
  /** Messages queued now (0 when no guardian opted in, or already sent). */
  enqueued: number;
  sentOn: string;
}
