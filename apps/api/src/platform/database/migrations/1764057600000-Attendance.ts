import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

const localDate = (name: string) => varchar(name, 10);

/** Attendance settings, holidays, marks with per-section day summaries, and leave requests. */
export class Attendance1764057600000 implements MigrationInterface {
  name = 'Attendance1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attendance_settings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('mode', 8, false, 'daily'),
          integer('periods_per_day', false, 8),
          varchar('cutoff_time', 5, false, '17:00'),
          varchar('weekly_off_days', 20, false, '0'),
          integer('chronic_threshold_percent', false, 75),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('attendance_settings')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'holidays',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          localDate('date'),
          varchar('name', 100),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_holidays_date', columnNames: ['tenant_id', 'date'] }],
        foreignKeys: [tenantForeignKey('holidays')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'attendance_marks',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          localDate('date'),
          // 0 for daily attendance; 1..n for a period of period-wise attendance
          integer('period', false, 0),
          uuidColumn('subject_id', true),
          uuidColumn('section_id'),
          varchar('status', 10),
          varchar('note', 200, true),
          varchar('source', 10, false, 'teacher'),
          uuidColumn('marked_by', true),
          ...createdUpdated(q),
        ],
        uniques: [
          { name: 'uq_attendance_marks_slot', columnNames: ['tenant_id', 'student_id', 'date', 'period'] },
        ],
        indices: [
          {
            name: 'ix_attendance_marks_section_day',
            columnNames: ['tenant_id', 'section_id', 'date', 'period'],
          },
          { name: 'ix_attendance_marks_day_status', columnNames: ['tenant_id', 'date', 'status'] },
        ],
        foreignKeys: [
          tenantForeignKey('attendance_marks'),
          tenantReference('attendance_marks', 'student_id', 'students', 'CASCADE'),
          tenantReference('attendance_marks', 'section_id', 'sections'),
          tenantReference('attendance_marks', 'subject_id', 'subjects'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'attendance_day_summaries',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...localDate('date'), isPrimary: true },
          { ...uuidColumn('section_id'), isPrimary: true },
          { ...integer('period', false, 0), isPrimary: true },
          integer('present', false, 0),
          integer('absent', false, 0),
          integer('late', false, 0),
          integer('excused', false, 0),
          integer('half_day', false, 0),
          integer('total', false, 0),
          uuidColumn('marked_by', true),
          timestamp(q, 'marked_at', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [
          tenantForeignKey('attendance_day_summaries'),
          tenantReference('attendance_day_summaries', 'section_id', 'sections'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'leave_requests',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          localDate('from_date'),
          localDate('to_date'),
          varchar('reason', 500),
          varchar('status', 12, false, 'pending'),
          uuidColumn('requested_by'),
          uuidColumn('decided_by', true),
          timestamp(q, 'decided_at', true),
          varchar('decision_note', 500, true),
          ...createdUpdated(q),
        ],
        indices: [
          { name: 'ix_leave_requests_student', columnNames: ['tenant_id', 'student_id', 'from_date'] },
          { name: 'ix_leave_requests_status', columnNames: ['tenant_id', 'status'] },
        ],
        foreignKeys: [
          tenantForeignKey('leave_requests'),
          tenantReference('leave_requests', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'leave_requests',
      'attendance_day_summaries',
      'attendance_marks',
      'holidays',
      'attendance_settings',
    ])
      await q.dropTable(table);
  }
}
