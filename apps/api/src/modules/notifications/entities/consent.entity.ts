import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export const CONSENT_CHANNELS = ['sms', 'email', 'whatsapp'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_PURPOSES = [
  'absence_alerts',
  'fee_reminders',
  'receipts',
  'exam_results',
  'circulars',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_SOURCES = ['parent_app', 'school_office', 'paper_form', 'import'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** A guardian's current choice for one channel and purpose (PRV-01). No row: never asked, so no consent. */
@Entity({ name: 'notification_consents' })
export class GuardianConsent extends TenantEntity {
  @PrimaryColumn({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  channel!: ConsentChannel;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  purpose!: ConsentPurpose;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ type: 'varchar', length: 32 })
  source!: ConsentSource;

  @Column({ name: 'recorded_by', type: 'varchar', length: 36, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;
}

/** Every grant and withdrawal as it was recorded: the evidence behind the current choice. */
@Entity({ name: 'notification_consent_events' })
export class GuardianConsentEvent extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: ConsentChannel;

  @Column({ type: 'varchar', length: 32 })
  purpose!: ConsentPurpose;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ type: 'varchar', length: 32 })
  source!: ConsentSource;

  @Column({ name: 'recorded_by', type: 'varchar', length: 36, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note!: string | null;
}
