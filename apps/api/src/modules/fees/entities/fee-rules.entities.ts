import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';
import { bigintAsNumber } from '../../../platform/database/transformers';

const money = bigintAsNumber;
const nullableMoney = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

export const LATE_FEE_KINDS = ['flat', 'percent', 'per_day'] as const;
export type LateFeeKind = (typeof LATE_FEE_KINDS)[number];
export const REMINDER_KINDS = ['before_due', 'on_due', 'overdue_every'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

@Entity({ name: 'fee_late_fee_rules' })
export class FeeLateFeeRule extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: LateFeeKind;

  /** flat: the fine; per_day: the fine per day after the grace period (minor units). */
  @Column({ type: 'bigint', transformer: money })
  amount!: number;

  /** percent: basis points of the invoice's charges. */
  @Column({ name: 'basis_points', type: 'int', nullable: true })
  basisPoints!: number | null;

  @Column({ name: 'grace_days', type: 'int' })
  graceDays!: number;

  @Column({ type: 'bigint', nullable: true, transformer: nullableMoney })
  cap!: number | null;

  /** The head fines are booked to (e.g. "Late fee"). */
  @Column({ name: 'head_id', type: 'varchar', length: 36 })
  headId!: string;

  @Column({ type: 'boolean' })
  active!: boolean;
}

@Entity({ name: 'fee_late_fee_applications' })
export class FeeLateFeeApplication extends TenantEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'varchar', length: 36 })
  invoiceId!: string;

  @PrimaryColumn({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @Column({ type: 'bigint', transformer: money })
  applied!: number;
}

@Entity({ name: 'fee_reminder_rules' })
export class FeeReminderRule extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 14 })
  kind!: ReminderKind;

  @Column({ type: 'int' })
  days!: number;

  @Column({ type: 'boolean' })
  active!: boolean;
}

@Entity({ name: 'fee_reminders_sent' })
export class FeeReminderSent extends TenantEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'varchar', length: 36 })
  ruleId!: string;

  @PrimaryColumn({ name: 'invoice_id', type: 'varchar', length: 36 })
  invoiceId!: string;

  @PrimaryColumn({ type: 'int' })
  occurrence!: number;

  @Column({ type: 'int' })
  enqueued!: number;
}

export const FEE_RULE_ENTITIES = [FeeLateFeeRule, FeeLateFeeApplication, FeeReminderRule, FeeReminderSent];
