import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/**
 * Verifiable parental consent (issue 13 item 7, DPDP Act s. 9): a guardian's consent per student and
 * purpose (student account, photo use, biometric attendance), the history of every grant and withdrawal
 * with how it was given (parent app or paper form and its reference), and the per-student biometric
 * attendance flag that stays off without that consent.
 */
export class GuardianConsents1765100000013 implements MigrationInterface {
  name = 'GuardianConsents1765100000013';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'student_consents',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          { ...varchar('purpose', 32), isPrimary: true },
          boolean('granted', false),
          uuidColumn('guardian_id'),
          varchar('source', 16),
          varchar('document_ref', 100, true),
          uuidColumn('recorded_by', true),
          timestamp(q, 'recorded_at'),
        ],
        foreignKeys: [
          tenantForeignKey('student_consents'),
          tenantReference('student_consents', 'student_id', 'students', 'CASCADE'),
          tenantReference('student_consents', 'guardian_id', 'guardians', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'student_consent_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('student_id'),
          varchar('purpose', 32),
          boolean('granted', false),
          uuidColumn('guardian_id'),
          varchar('source', 16),
          varchar('document_ref', 100, true),
          uuidColumn('recorded_by', true),
          timestamp(q, 'recorded_at'),
        ],
        indices: [
          {
            name: 'ix_student_consent_events_student',
            columnNames: ['tenant_id', 'student_id', 'recorded_at'],
          },
          { name: 'ix_student_consent_events_guardian', columnNames: ['tenant_id', 'guardian_id'] },
        ],
        foreignKeys: [
          tenantForeignKey('student_consent_events'),
          tenantReference('student_consent_events', 'student_id', 'students', 'CASCADE'),
          tenantReference('student_consent_events', 'guardian_id', 'guardians', 'CASCADE'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'student_biometric_settings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('student_id'), isPrimary: true },
          boolean('enabled', false),
          uuidColumn('changed_by', true),
          timestamp(q, 'changed_at'),
        ],
        foreignKeys: [
          tenantForeignKey('student_biometric_settings'),
          tenantReference('student_biometric_settings', 'student_id', 'students', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('student_biometric_settings');
    await q.dropTable('student_consent_events');
    await q.dropTable('student_consents');
  }
}
