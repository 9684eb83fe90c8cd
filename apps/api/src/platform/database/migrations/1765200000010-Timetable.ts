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

const PERMISSIONS: readonly [role: string, permission: string][] = [
  ['school_admin', 'timetable.read'],
  ['school_admin', 'timetable.manage'],
  ['teacher', 'timetable.read'],
  ['accountant', 'timetable.read'],
  ['parent', 'timetable.read'],
  ['student', 'timetable.read'],
];

/**
 * Timetable (issue 16): each weekday's bell schedule, the institution's teacher-load limits (whose row is
 * also its timetable write lock), each section's weekly grid per academic year, and one-day substitutions.
 * The unique keys hold the clash rules the database can hold: one lesson per section, teacher and room in
 * a weekday's period.
 */
export class Timetable1765200000010 implements MigrationInterface {
  name = 'Timetable1765200000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'timetable_bell_slots',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...integer('weekday'), isPrimary: true },
          { ...integer('slot'), isPrimary: true },
          varchar('kind', 8),
          integer('period', true),
          varchar('label', 40, true),
          varchar('starts_at', 5),
          varchar('ends_at', 5),
        ],
        foreignKeys: [tenantForeignKey('timetable_bell_slots')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timetable_settings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          integer('max_periods_per_day', true),
          integer('max_periods_per_week', true),
          integer('version', false, 0),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('timetable_settings')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timetable_entries',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('academic_year_id'),
          uuidColumn('section_id'),
          integer('weekday'),
          integer('period'),
          uuidColumn('subject_id'),
          uuidColumn('teacher_user_id'),
          varchar('room', 40, true),
          ...createdUpdated(q),
        ],
        uniques: [
          {
            name: 'uq_timetable_entries_section',
            columnNames: ['tenant_id', 'academic_year_id', 'section_id', 'weekday', 'period'],
          },
          {
            name: 'uq_timetable_entries_teacher',
            columnNames: ['tenant_id', 'academic_year_id', 'teacher_user_id', 'weekday', 'period'],
          },
          {
            name: 'uq_timetable_entries_room',
            columnNames: ['tenant_id', 'academic_year_id', 'room', 'weekday', 'period'],
          },
        ],
        foreignKeys: [
          tenantForeignKey('timetable_entries'),
          tenantReference('timetable_entries', 'academic_year_id', 'academic_years'),
          tenantReference('timetable_entries', 'section_id', 'sections'),
          tenantReference('timetable_entries', 'subject_id', 'subjects'),
          tenantReference('timetable_entries', 'teacher_user_id', 'users'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timetable_substitutions',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('date', 10),
          integer('period'),
          uuidColumn('section_id'),
          uuidColumn('subject_id'),
          uuidColumn('absent_teacher_user_id'),
          uuidColumn('substitute_user_id'),
          uuidColumn('confirmed_by'),
          timestamp(q, 'confirmed_at'),
        ],
        uniques: [
          {
            name: 'uq_timetable_substitutions_period',
            columnNames: ['tenant_id', 'date', 'section_id', 'period'],
          },
        ],
        indices: [
          {
            name: 'ix_timetable_substitutions_substitute',
            columnNames: ['tenant_id', 'substitute_user_id', 'date'],
          },
          {
            name: 'ix_timetable_substitutions_absent',
            columnNames: ['tenant_id', 'absent_teacher_user_id', 'date'],
          },
        ],
        foreignKeys: [
          tenantForeignKey('timetable_substitutions'),
          tenantReference('timetable_substitutions', 'section_id', 'sections'),
          tenantReference('timetable_substitutions', 'subject_id', 'subjects'),
          tenantReference('timetable_substitutions', 'absent_teacher_user_id', 'users'),
          tenantReference('timetable_substitutions', 'substitute_user_id', 'users'),
        ],
      }),
    );
    // New in the catalogue: institutions provisioned before it get the permissions on their default roles,
    // as a new institution does (DEFAULT_ROLE_PERMISSIONS). Roles that already hold one are left alone.
    for (const [role, permission] of PERMISSIONS)
      await q.query(
        `INSERT INTO role_permissions (tenant_id, role_id, permission)
         SELECT r.tenant_id, r.id, ? FROM roles r
         WHERE r.role_key = ? AND r.tenant_id IN (SELECT id FROM institutions)
         AND NOT EXISTS (SELECT 1 FROM role_permissions p
           WHERE p.tenant_id = r.tenant_id AND p.role_id = r.id AND p.permission = ?)`,
        [permission, role, permission],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      "DELETE FROM role_permissions WHERE permission IN ('timetable.read', 'timetable.manage') AND tenant_id IN (SELECT id FROM institutions)",
    );
    for (const table of [
      'timetable_substitutions',
      'timetable_entries',
      'timetable_settings',
      'timetable_bell_slots',
    ])
      await q.dropTable(table);
  }
}
