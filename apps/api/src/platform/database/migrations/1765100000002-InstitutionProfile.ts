import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  createdUpdated,
  integer,
  isSqlite,
  tenantForeignKey,
  tenantIdColumn,
  varchar,
} from '../migration-helpers';

/**
 * The school's profile (address, contact, receipt footer) and its logo, one row each per institution.
 * The logo's bytes live in the database: MEDIUMBLOB on MySQL (BLOB stops at 64 KB; logos are capped at
 * 256 KB, far below the default 16 MB max_allowed_packet), BLOB on SQLite.
 */
export class InstitutionProfile1765100000002 implements MigrationInterface {
  name = 'InstitutionProfile1765100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'institution_profiles',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('address_line1', 200, false, ''),
          varchar('address_line2', 200, false, ''),
          varchar('city', 100, false, ''),
          varchar('state', 100, false, ''),
          varchar('postal_code', 12, false, ''),
          varchar('phone', 32, false, ''),
          varchar('email', 254, false, ''),
          varchar('website', 200, false, ''),
          varchar('receipt_footer', 500, false, ''),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('institution_profiles')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'institution_logos',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          varchar('content_type', 20),
          integer('width'),
          integer('height'),
          integer('byte_length'),
          varchar('sha256', 64),
          { name: 'data', type: isSqlite(q) ? 'blob' : 'mediumblob', isNullable: false },
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('institution_logos')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('institution_logos');
    await q.dropTable('institution_profiles');
  }
}
