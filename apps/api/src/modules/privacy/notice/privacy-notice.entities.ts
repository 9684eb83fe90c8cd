import type { PrivacyNoticeStatus } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** One version of a school's privacy notice: a draft until published, then kept unchanged for good. */
@Entity({ name: 'privacy_notices' })
export class PrivacyNotice extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: PrivacyNoticeStatus;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn!: string;

  @Column({ name: 'body_hi', type: 'text', nullable: true })
  bodyHi!: string | null;

  @Column({ type: 'varchar', length: 500 })
  contact!: string;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId!: string;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by_user_id', type: 'varchar', length: 36, nullable: true })
  publishedByUserId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** A user's acceptance of one version of the notice (evidence: who, which version, when). */
@Entity({ name: 'privacy_notice_acceptances' })
export class PrivacyNoticeAcceptance extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'notice_id', type: 'varchar', length: 36 })
  noticeId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'accepted_at', type: 'datetime' })
  acceptedAt!: Date;
}

export const PRIVACY_NOTICE_ENTITIES = [PrivacyNotice, PrivacyNoticeAcceptance];
