import type { RetentionRunView } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A school's overrides of the installation's retention periods (null: the default applies). */
@Entity({ name: 'privacy_retention_policies' })
export class RetentionPolicyRow extends TenantEntity {
  @Column({ name: 'processing_log_days', type: 'int', nullable: true })
  processingLogDays!: number | null;

  @Column({ name: 'delivery_record_days', type: 'int', nullable: true })
  deliveryRecordDays!: number | null;

  @Column({ name: 'updated_by_user_id', type: 'varchar', length: 36, nullable: true })
  updatedByUserId!: string | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** One pass of the retention job over one school: the periods it applied and what it deleted. */
@Entity({ name: 'privacy_retention_runs' })
export class RetentionRun extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'run_day', type: 'varchar', length: 10 })
  runDay!: string;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status!: RetentionRunView['status'];

  @Column({ name: 'processing_log_days', type: 'int' })
  processingLogDays!: number;

  @Column({ name: 'delivery_record_days', type: 'int' })
  deliveryRecordDays!: number;

  @Column({ name: 'deleted_processing_logs', type: 'int' })
  deletedProcessingLogs!: number;

  @Column({ name: 'deleted_delivery_records', type: 'int' })
  deletedDeliveryRecords!: number;
}

export const RETENTION_ENTITIES = [RetentionPolicyRow, RetentionRun];
