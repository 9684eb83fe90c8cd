import type { PaymentMethod } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';
import { bigintAsNumber } from '../../../platform/database/transformers';

/** bigint minor units as a JS number (safe up to 2^53 paise, far beyond any school's money). */
const money = bigintAsNumber;

export const LEDGER_KINDS = ['charge', 'fine', 'concession', 'waiver', 'payment', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export { PAYMENT_METHODS } from '@shala/contracts';
export type { PaymentMethod };

@Entity({ name: 'fee_heads' })
export class FeeHead extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  /** Optional heads (transport, hostel) are charged only to students assigned to them. */
  @Column({ type: 'boolean' })
  optional!: boolean;
}

@Entity({ name: 'fee_structures' })
export class FeeStructure extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'class_id', type: 'varchar', length: 36 })
  classId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}

@Entity({ name: 'fee_instalments' })
export class FeeInstalment extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'structure_id', type: 'varchar', length: 36 })
  structureId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 80 })
  label!: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate!: string;
}

@Entity({ name: 'fee_instalment_lines' })
export class FeeInstalmentLine extends TenantEntity {
  @PrimaryColumn({ name: 'instalment_id', type: 'varchar', length: 36 })
  instalmentId!: string;

  @PrimaryColumn({ name: 'head_id', type: 'varchar', length: 36 })
  headId!: string;

  @Column({ type: 'bigint', transformer: money })
  amount!: number;
}

@Entity({ name: 'fee_student_heads' })
export class FeeStudentHead extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @PrimaryColumn({ name: 'head_id', type: 'varchar', length: 36 })
  headId!: string;

  @Column({ name: 'amount_per_instalment', type: 'bigint', transformer: money })
  amountPerInstalment!: number;
}

@Entity({ name: 'fee_accounts' })
export class FeeAccount extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'int' })
  movements!: number;
}

@Entity({ name: 'fee_invoices' })
export class FeeInvoice extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'instalment_id', type: 'varchar', length: 36, nullable: true })
  instalmentId!: string | null;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /**
   * The signed sum of the invoice's ledger entries (minor units): a summary of the ledger moved only by
   * FeesLedgerService (an invoice is created with its charges' sum, and every later entry adds its amount
   * in the same transaction as the entry).
   */
  @Column({ type: 'bigint', transformer: money })
  outstanding!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}

@Entity({ name: 'fee_receipt_counters' })
export class FeeReceiptCounter extends TenantEntity {
  @PrimaryColumn({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'last_seq', type: 'int' })
  lastSeq!: number;
}

@Entity({ name: 'fee_payments' })
export class FeePayment extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ type: 'bigint', transformer: money })
  amount!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: PaymentMethod;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  /** Cheque or demand draft number, drawee bank and the date on the instrument (null otherwise). */
  @Column({ name: 'instrument_no', type: 'varchar', length: 40, nullable: true })
  instrumentNo!: string | null;

  @Column({ name: 'instrument_bank', type: 'varchar', length: 100, nullable: true })
  instrumentBank!: string | null;

  @Column({ name: 'instrument_date', type: 'varchar', length: 10, nullable: true })
  instrumentDate!: string | null;

  @Column({ name: 'paid_on', type: 'varchar', length: 10 })
  paidOn!: string;

  @Column({ name: 'receipt_seq', type: 'int' })
  receiptSeq!: number;

  @Column({ name: 'receipt_no', type: 'varchar', length: 40 })
  receiptNo!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: 'completed' | 'reversed';

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ name: 'received_by', type: 'varchar', length: 36, nullable: true })
  receivedBy!: string | null;

  @Column({ name: 'reversed_at', type: 'datetime', nullable: true })
  reversedAt!: Date | null;

  @Column({ name: 'reversed_by', type: 'varchar', length: 36, nullable: true })
  reversedBy!: string | null;

  @Column({ name: 'reversal_reason', type: 'varchar', length: 300, nullable: true })
  reversalReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}

@Entity({ name: 'fee_ledger_entries' })
export class FeeLedgerEntry extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'invoice_id', type: 'varchar', length: 36 })
  invoiceId!: string;

  @Column({ name: 'head_id', type: 'varchar', length: 36 })
  headId!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: LedgerKind;

  @Column({ type: 'bigint', transformer: money })
  amount!: number;

  @Column({ name: 'payment_id', type: 'varchar', length: 36, nullable: true })
  paymentId!: string | null;

  @Column({ name: 'reverses_entry_id', type: 'varchar', length: 36, nullable: true })
  reversesEntryId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  memo!: string | null;

  @Column({ name: 'entry_date', type: 'varchar', length: 10 })
  entryDate!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}

@Entity({ name: 'fee_online_orders' })
export class FeeOnlineOrder extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'bigint', transformer: money })
  amount!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 20 })
  provider!: string;

  @Column({ name: 'provider_order_id', type: 'varchar', length: 64 })
  providerOrderId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: 'created' | 'paid' | 'failed';

  @Column({ name: 'payment_id', type: 'varchar', length: 36, nullable: true })
  paymentId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;
}

/** One child's share of a family online order (one gateway order, one payment and receipt per child). */
@Entity({ name: 'fee_online_order_parts' })
export class FeeOnlineOrderPart extends TenantEntity {
  @PrimaryColumn({ name: 'order_id', type: 'varchar', length: 36 })
  orderId!: string;

  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'bigint', transformer: money })
  amount!: number;

  @Column({ name: 'payment_id', type: 'varchar', length: 36, nullable: true })
  paymentId!: string | null;
}

@Entity({ name: 'fee_webhook_events' })
export class FeeWebhookEvent extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  provider!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 100 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 60 })
  eventType!: string;

  @Column({ type: 'varchar', length: 20 })
  outcome!: string;
}

/** A fee reminder queued by hand from the defaulters list: at most one per student per local day. */
@Entity({ name: 'fee_manual_reminders' })
export class FeeManualReminder extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ name: 'sent_on', type: 'varchar', length: 10 })
  sentOn!: string;

  @Column({ name: 'sent_by', type: 'varchar', length: 36, nullable: true })
  sentBy!: string | null;

  @Column({ type: 'int' })
  enqueued!: number;
}

export const FEE_ENTITIES = [
  FeeHead,
  FeeStructure,
  FeeInstalment,
  FeeInstalmentLine,
  FeeStudentHead,
  FeeAccount,
  FeeInvoice,
  FeeReceiptCounter,
  FeePayment,
  FeeLedgerEntry,
  FeeOnlineOrder,
  FeeWebhookEvent,
  FeeManualReminder,
  FeeOnlineOrderPart,
];
