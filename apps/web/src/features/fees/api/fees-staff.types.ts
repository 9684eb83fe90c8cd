import type { PaymentMethod, PaymentView } from './fees.types';

/** Local shapes of the staff side of the fees API (setup, invoicing, rules, reports); money in paise. */
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

export const LATE_FEE_KINDS = ['flat', 'percent', 'per_day'] as const;
export type LateFeeKind = (typeof LATE_FEE_KINDS)[number];

export interface LateFeeRule {
  id: string;
  name: string;
  kind: LateFeeKind;
  amount: number;
  basisPoints: number | null;
  graceDays: number;
  cap: number | null;
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

export interface OptionalHeadCharge {
  headId: string;
  amountPerInstalment: number;
}

export interface DefaulterRow {
  studentId: string;
  fullName: string;
  admissionNo: string;
  className: string;
  sectionName: string;
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

/** A row of the payments register (GET /fees/payments): the payment with its student's name. */
export interface PaymentListItem extends PaymentView {
  fullName: string;
  admissionNo: string;
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
  invoices: number;
  lateFees: { invoices: number; amount: number };
  reminders: { sent: number; enqueued: number };
}
