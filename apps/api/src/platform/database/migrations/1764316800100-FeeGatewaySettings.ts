import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
  createdUpdated,
  tenantForeignKey,
  tenantIdColumn,
  text,
  varchar,
} from '../migration-helpers';

/** Per-institution online payment provider accounts (Razorpay), credentials encrypted (DAT-01). */
export class FeeGatewaySettings1764316800100 implements MigrationInterface {
  name = 'FeeGatewaySettings1764316800100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fee_gateway_settings',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...varchar('provider', 20), isPrimary: true },
          boolean('enabled', false),
          varchar('key_id', 64, true),
          text('secrets_enc', true),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('fee_gateway_settings')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('fee_gateway_settings');
  }
}
