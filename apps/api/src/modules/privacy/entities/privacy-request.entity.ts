import type { PrivacyRequestStatus, PrivacyRequestType, PrivacySubjectType } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A data-subject request (PRV-02): what was asked, about whom, by whom, and by when it must be answered. */
@Entity({ name: 'privacy_requests' })
export class PrivacyRequest extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: PrivacyRequestType;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: PrivacySubjectType;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PrivacyRequestStatus;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'raised_by', type: 'varchar', length: 8 })
  raisedBy!: 'staff' | 'parent';

  @Column({ name: 'requested_by_user_id', type: 'varchar', length: 36 })
  requestedByUserId!: string;

  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime' })
  dueAt!: Date;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 500, nullable: true })
  refusalReason!: string | null;

  /** What a completed correction request corrected (free text), or how a restriction/erasure ended. */
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote?: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}
