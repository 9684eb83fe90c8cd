import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  boolean,
  createdUpdated,
  integer,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/** Institutions (tenants), users and roles, and the notification outbox. */
export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'institutions',
        columns: [
          { ...uuidColumn('id'), isPrimary: true },
          varchar('slug', 63),
          varchar('name', 200),
          varchar('kind', 16, false, 'school'),
          varchar('time_zone', 64, false, 'Asia/Kolkata'),
          varchar('currency', 3, false, 'INR'),
          varchar('status', 16, false, 'active'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_institutions_slug', columnNames: ['slug'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('email', 254),
          varchar('display_name', 200),
          varchar('password_hash', 100, true),
          varchar('status', 16, false, 'active'),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['tenant_id', 'email'] }],
        foreignKeys: [tenantForeignKey('users')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'roles',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('role_key', 64),
          varchar('name', 100),
          boolean('is_system', false),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_roles_key', columnNames: ['tenant_id', 'role_key'] }],
        foreignKeys: [tenantForeignKey('roles')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'role_permissions',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('role_id'), isPrimary: true },
          { ...varchar('permission', 64), isPrimary: true },
        ],
        foreignKeys: [
          tenantForeignKey('role_permissions'),
          tenantReference('role_permissions', 'role_id', 'roles', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_roles',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('user_id'), isPrimary: true },
          { ...uuidColumn('role_id'), isPrimary: true },
        ],
        indices: [{ name: 'ix_user_roles_role', columnNames: ['tenant_id', 'role_id'] }],
        foreignKeys: [
          tenantForeignKey('user_roles'),
          tenantReference('user_roles', 'user_id', 'users', 'CASCADE'),
          tenantReference('user_roles', 'role_id', 'roles', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          varchar('channel', 16),
          varchar('template', 64),
          varchar('recipient', 320),
          text('variables'),
          varchar('idempotency_key', 160),
          varchar('status', 16, false, 'pending'),
          integer('attempts', false, 0),
          timestamp(q, 'next_attempt_at', false, true),
          varchar('last_error', 500, true),
          timestamp(q, 'sent_at', true),
          ...createdUpdated(q),
        ],
        uniques: [{ name: 'uq_outbox_idempotency', columnNames: ['tenant_id', 'idempotency_key'] }],
        // The worker claims due messages across tenants, oldest first.
        indices: [{ name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] }],
        foreignKeys: [tenantForeignKey('outbox_messages')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_messages',
      'user_roles',
      'role_permissions',
      'roles',
      'users',
      'institutions',
    ]) {
      await q.dropTable(table);
    }
  }
}
