import type { GrievanceCategory, GrievanceStatus } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A parent's grievance about the handling of their or their child's data, and the officer's answer. */
@Entity({ name: 'privacy_grievances' })
export class PrivacyGrievance extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'raised_by_user_id', type: 'varchar', length: 36 })
  raisedByUserId!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36, nullable: true })
  studentId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  category!: GrievanceCategory;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: GrievanceStatus;

  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime' })
  dueAt!: Date;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by_user_id', type: 'varchar', length: 36, nullable: true })
  answeredByUserId!: string | null;

  @Column({ name: 'answered_at', type: 'datetime', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** The school's grievance officer (shown to parents) and how many days they have to answer. */
@Entity({ name: 'privacy_grievance_officers' })
export class PrivacyGrievanceOfficer extends TenantEntity {
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ name: 'response_days', type: 'int' })
  responseDays!: number;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}
