import type { CircularAudience, CircularStatus } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A notice to families and staff: a draft, scheduled for a time, or published (then unchanged). */
@Entity({ name: 'circulars' })
export class Circular extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  audience!: CircularAudience;

  @Column({ name: 'requires_ack', type: 'boolean' })
  requiresAck!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: CircularStatus;

  @Column({ name: 'publish_at', type: 'datetime', nullable: true })
  publishAt!: Date | null;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by_user_id', type: 'varchar', length: 36, nullable: true })
  publishedByUserId!: string | null;

  /** Guardians addressed who had at least one message queued when it was published. */
  @Column({ type: 'int', nullable: true })
  notified!: number | null;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId!: string;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** A class or section a circular addresses (audience `classes` or `sections`). */
@Entity({ name: 'circular_targets' })
export class CircularTarget extends TenantEntity {
  @PrimaryColumn({ name: 'circular_id', type: 'varchar', length: 36 })
  circularId!: string;

  @PrimaryColumn({ name: 'target_id', type: 'varchar', length: 36 })
  targetId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'class' | 'section';
}

/** A circular's PDF (at most 5 MB, checked by its bytes). */
@Entity({ name: 'circular_attachments' })
export class CircularAttachment extends TenantEntity {
  @PrimaryColumn({ name: 'circular_id', type: 'varchar', length: 36 })
  circularId!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 120 })
  fileName!: string;

  @Column({ type: 'int' })
  bytes!: number;

  @Column({ type: 'blob', select: false })
  data!: Buffer;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}

/**
 * A guardian a published circular addressed (fixed at publishing; a guardian who opens it later is added),
 * with the children it was addressed for, when they first read it and when they acknowledged it.
 */
@Entity({ name: 'circular_recipients' })
export class CircularRecipient extends TenantEntity {
  @PrimaryColumn({ name: 'circular_id', type: 'varchar', length: 36 })
  circularId!: string;

  @PrimaryColumn({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  /** JSON array of student ids. */
  @Column({ name: 'student_ids', type: 'text' })
  studentIds!: string;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'datetime', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by_user_id', type: 'varchar', length: 36, nullable: true })
  acknowledgedByUserId!: string | null;
}

export const CIRCULAR_ENTITIES = [Circular, CircularTarget, CircularAttachment, CircularRecipient];
