import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export const STUDENT_STATUSES = ['active', 'transferred', 'withdrawn', 'alumni'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];
export const RELATIONSHIPS = ['mother', 'father', 'guardian', 'grandparent', 'sibling', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

@Entity({ name: 'students' })
export class Student extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'admission_no', type: 'varchar', length: 40 })
  admissionNo!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ name: 'name_search', type: 'varchar', length: 201 })
  nameSearch!: string;

  /** Normalised "first last | last first | admission no" that a search matches inside (searchKeyOf). */
  @Column({ name: 'search_key', type: 'varchar', length: 500 })
  searchKey!: string;

  @Column({ name: 'date_of_birth', type: 'varchar', length: 10 })
  dateOfBirth!: string;

  @Column({ type: 'varchar', length: 16 })
  gender!: Gender;

  @Column({ name: 'admission_date', type: 'varchar', length: 10 })
  admissionDate!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: StudentStatus;

  /** DAT-01 ciphertext (highly sensitive). */
  @Column({ name: 'national_id_enc', type: 'text', nullable: true })
  nationalIdEnc!: string | null;

  /** DAT-03 blind index of the national ID. */
  @Column({ name: 'national_id_bidx', type: 'varchar', length: 64, nullable: true })
  nationalIdBidx!: string | null;

  @Column({ name: 'medical_notes_enc', type: 'text', nullable: true })
  medicalNotesEnc!: string | null;

  @Column({ name: 'address_enc', type: 'text', nullable: true })
  addressEnc!: string | null;

  /** The student's own login, if any. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** Processing restricted by a data-subject request (PRV-02): no non-account messages, left out of exports. */
  @Column({ name: 'processing_restricted', type: 'boolean', default: false })
  processingRestricted?: boolean;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

@Entity({ name: 'enrolments' })
export class Enrolment extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'academic_year_id', type: 'varchar', length: 36 })
  academicYearId!: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @Column({ name: 'roll_no', type: 'int', nullable: true })
  rollNo!: number | null;

  /** active, promoted (moved on at year end), left (transferred or withdrawn during the year). */
  @Column({ type: 'varchar', length: 16 })
  status!: 'active' | 'promoted' | 'left';
}

@Entity({ name: 'guardians' })
export class Guardian extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ name: 'phone_enc', type: 'text', nullable: true })
  phoneEnc!: string | null;

  @Column({ name: 'phone_bidx', type: 'varchar', length: 64, nullable: true })
  phoneBidx!: string | null;

  @Column({ name: 'email_enc', type: 'text', nullable: true })
  emailEnc!: string | null;

  @Column({ name: 'email_bidx', type: 'varchar', length: 64, nullable: true })
  emailBidx!: string | null;

  @Column({ name: 'address_enc', type: 'text', nullable: true })
  addressEnc!: string | null;

  /** The parent account that may see this guardian's children. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** Processing restricted by a data-subject request (PRV-02): no non-account messages, left out of exports. */
  @Column({ name: 'processing_restricted', type: 'boolean', default: false })
  processingRestricted?: boolean;
}

@Entity({ name: 'student_guardians' })
export class StudentGuardian extends TenantEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ name: 'guardian_id', type: 'varchar', length: 36 })
  guardianId!: string;

  @Column({ type: 'varchar', length: 20 })
  relationship!: Relationship;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary!: boolean;
}
