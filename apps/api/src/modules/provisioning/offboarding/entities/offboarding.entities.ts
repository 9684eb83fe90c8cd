import type { OffboardingExportStatus } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../../platform/database/tenant-entity';

/**
 * A terminated school's offboarding: when and by whom, the retention period, the purge, and the encrypted
 * export. A row of the platform tenant (the operator's), so the school's purge leaves it in place.
 */
@Entity({ name: 'institution_offboardings' })
export class InstitutionOffboarding extends TenantEntity {
  @PrimaryColumn({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'institution_name', type: 'varchar', length: 200 })
  institutionName!: string;

  @Column({ name: 'institution_slug', type: 'varchar', length: 63 })
  institutionSlug!: string;

  @Column({ name: 'terminated_at', type: 'datetime' })
  terminatedAt!: Date;

  @Column({ name: 'terminated_by', type: 'varchar', length: 36 })
  terminatedBy!: string;

  @Column({ name: 'retention_days', type: 'int' })
  retentionDays!: number;

  @Column({ name: 'purge_after', type: 'datetime' })
  purgeAfter!: Date;

  @Column({ name: 'purge_started_at', type: 'datetime', nullable: true })
  purgeStartedAt!: Date | null;

  @Column({ name: 'purged_at', type: 'datetime', nullable: true })
  purgedAt!: Date | null;

  @Column({ name: 'export_status', type: 'varchar', length: 16 })
  exportStatus!: OffboardingExportStatus;

  @Column({ name: 'export_done', type: 'int' })
  exportDone!: number;

  @Column({ name: 'export_total', type: 'int' })
  exportTotal!: number;

  @Column({ name: 'export_started_at', type: 'datetime' })
  exportStartedAt!: Date;

  @Column({ name: 'export_finished_at', type: 'datetime', nullable: true })
  exportFinishedAt!: Date | null;

  @Column({ name: 'export_bytes', type: 'int', nullable: true })
  exportBytes!: number | null;

  @Column({ name: 'export_sha256', type: 'varchar', length: 64, nullable: true })
  exportSha256!: string | null;

  /** The encrypted export (select: false: read only for a download). */
  @Column({ name: 'export_file', type: 'blob', nullable: true, select: false })
  exportFile!: Buffer | null;
}

/** What a purge removed: kept in the platform tenant after the school's rows and keys are gone. */
@Entity({ name: 'institution_deletion_certificates' })
export class DeletionCertificate extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'institution_name', type: 'varchar', length: 200 })
  institutionName!: string;

  @Column({ name: 'institution_slug', type: 'varchar', length: 63 })
  institutionSlug!: string;

  @Column({ name: 'terminated_at', type: 'datetime' })
  terminatedAt!: Date;

  @Column({ name: 'purged_at', type: 'datetime' })
  purgedAt!: Date;

  @Column({ name: 'purged_by', type: 'varchar', length: 36, nullable: true })
  purgedBy!: string | null;

  @Column({ name: 'total_rows', type: 'int' })
  totalRows!: number;

  /** JSON: rows deleted per table. */
  @Column({ name: 'table_counts', type: 'text' })
  tableCounts!: string;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}

export const OFFBOARDING_ENTITIES = [InstitutionOffboarding, DeletionCertificate];
