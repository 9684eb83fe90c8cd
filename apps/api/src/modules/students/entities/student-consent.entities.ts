import type { StudentConsentPurpose, StudentConsentSource } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/**
 * The current guardian consent of a student for one purpose (issue 13 item 7). No row: never asked, so no
 * consent. Owned by the students module so the account gate reads it without reaching up the layers.
 */
@Entity({ name: 'student_consents' })
export class StudentConsent extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  purpose!: StudentConsentPurpose;

  @Column({ type: 'boolean' })
  granted!: boolean;

  /** The guardian who gave or withdrew it. */
  @Column({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: StudentConsentSource;

  /** The paper form's reference (paper_form only). */
  @Column({ name: 'document_ref', type: 'varchar', length: 100, nullable: true })
  documentRef!: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 36, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;
}

/** Every grant and withdrawal as recorded: the evidence behind the current consent. */
@Entity({ name: 'student_consent_events' })
export class StudentConsentEventRow extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'varchar', length: 32 })
  purpose!: StudentConsentPurpose;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: StudentConsentSource;

  @Column({ name: 'document_ref', type: 'varchar', length: 100, nullable: true })
  documentRef!: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 36, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;
}

/** Biometric attendance per student: off (no row, or false) unless a guardian consented. */
@Entity({ name: 'student_biometric_settings' })
export class StudentBiometricSetting extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'changed_by', type: 'varchar', length: 36, nullable: true })
  changedBy!: string | null;

  @Column({ name: 'changed_at', type: 'datetime' })
  changedAt!: Date;
}

export const STUDENT_CONSENT_ENTITIES = [StudentConsent, StudentConsentEventRow, StudentBiometricSetting];
