import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bigint, createdUpdated, tenantForeignKey, tenantIdColumn, varchar } from '../migration-helpers';

/**
 * What each school's data takes on disk, measured once a day (issue 14, the operator's dashboard): one row
 * per school with the estimated bytes and rows across every tenant table and the local day it was measured.
 */
export class SchoolStorage1765100000017 implements MigrationInterface {
  name = 'SchoolStorage1765100000017';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'school_storage',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          bigint('bytes'),
          bigint('row_count'),
          // the school's local date 'YYYY-MM-DD' of the measurement: one a day
          varchar('measured_on', 10),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('school_storage')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('school_storage');
  }
}
