import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/**
 * One sitting of an exam paper: a date, a local start and end time, a room and an invigilator, for one
 * section of the paper's class or (section null) for every section of it. Times are the school's local
 * wall-clock 'HH:MM'; a date is a local 'YYYY-MM-DD'.
 */
@Entity({ name: 'exam_sittings' })
export class ExamSitting extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'paper_id', type: 'varchar', length: 36 })
  paperId!: string;

  /** Null: every section of the paper's class sits it together. */
  @Column({ name: 'section_id', type: 'varchar', length: 36, nullable: true })
  sectionId!: string | null;

  @Column({ name: 'sits_on', type: 'varchar', length: 10 })
  sitsOn!: string;

  @Column({ name: 'starts_at', type: 'varchar', length: 5 })
  startsAt!: string;

  @Column({ name: 'ends_at', type: 'varchar', length: 5 })
  endsAt!: string;

  @Column({ type: 'varchar', length: 60 })
  room!: string;

  @Column({ name: 'invigilator_user_id', type: 'varchar', length: 36, nullable: true })
  invigilatorUserId!: string | null;
}

export const SCHEDULE_ENTITIES = [ExamSitting];
