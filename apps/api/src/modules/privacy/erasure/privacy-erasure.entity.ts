import type { ErasureStatus, PrivacySubjectType } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** The erasure of an approved erasure request: noticed to the family, executed 48 hours later. */
@Entity({ name: 'privacy_erasures' })
export class PrivacyErasure extends TenantEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 36 })
  requestId!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: PrivacySubjectType;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ErasureStatus;

  @Column({ type: 'varchar', length: 64 })
  pseudonym!: string;

  @Column({ name: 'scheduled_by_user_id', type: 'varchar', length: 36 })
  scheduledByUserId!: string;

  @Column({ name: 'scheduled_at', type: 'datetime' })
  scheduledAt!: Date;

  @Column({ name: 'executes_at', type: 'datetime' })
  executesAt!: Date;

  @Column({ name: 'executed_at', type: 'datetime', nullable: true })
  executedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', nullable: true })
  cancelledAt!: Date | null;

  /** JSON: rows changed per table when executed (ids and counts only, no personal data). */
  @Column({ name: 'erased_counts', type: 'text', nullable: true })
  erasedCounts!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}
