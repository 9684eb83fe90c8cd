import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import {
  bigint,
  boolean,
  createdUpdated,
  isSqlite,
  tenantForeignKey,
  tenantIdColumn,
  tenantReference,
  text,
  timestamp,
  uuidColumn,
  varchar,
} from '../migration-helpers';

/** Sessions with rotating refresh tokens, TOTP MFA, single-use user tokens, and the append-only audit log. */
export class IdentityAndAudit1763884800000 implements MigrationInterface {
  name = 'IdentityAndAudit1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [
      new TableColumn({ ...boolean('mfa_enabled', false) }),
      new TableColumn(text('mfa_secret', true)),
      new TableColumn(text('mfa_pending_secret', true)),
      new TableColumn(bigint('mfa_last_step', false, 0)),
      new TableColumn(timestamp(q, 'password_changed_at', true)),
      new TableColumn(timestamp(q, 'last_login_at', true)),
    ]);

    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('user_id'),
          timestamp(q, 'created_at', false, true),
          timestamp(q, 'last_used_at', false, true),
          timestamp(q, 'expires_at'),
          timestamp(q, 'revoked_at', true),
          varchar('revoked_reason', 40, true),
          varchar('ip', 64, true),
          varchar('user_agent', 300, true),
        ],
        indices: [{ name: 'ix_sessions_user', columnNames: ['tenant_id', 'user_id'] }],
        foreignKeys: [
          tenantForeignKey('sessions'),
          tenantReference('sessions', 'user_id', 'users', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('session_id'),
          varchar('token_hash', 64),
          timestamp(q, 'created_at', false, true),
          timestamp(q, 'used_at', true),
        ],
        indices: [{ name: 'ix_refresh_tokens_session', columnNames: ['tenant_id', 'session_id'] }],
        foreignKeys: [
          tenantForeignKey('refresh_tokens'),
          tenantReference('refresh_tokens', 'session_id', 'sessions', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'mfa_recovery_codes',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('user_id'),
          varchar('code_hash', 64),
          timestamp(q, 'used_at', true),
          timestamp(q, 'created_at', false, true),
        ],
        indices: [{ name: 'ix_mfa_recovery_user', columnNames: ['tenant_id', 'user_id'] }],
        foreignKeys: [
          tenantForeignKey('mfa_recovery_codes'),
          tenantReference('mfa_recovery_codes', 'user_id', 'users', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_tokens',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...uuidColumn('id'), isPrimary: true },
          uuidColumn('user_id'),
          varchar('purpose', 16),
          varchar('token_hash', 64),
          timestamp(q, 'expires_at'),
          timestamp(q, 'used_at', true),
          timestamp(q, 'created_at', false, true),
        ],
        indices: [{ name: 'ix_user_tokens_user', columnNames: ['tenant_id', 'user_id'] }],
        foreignKeys: [
          tenantForeignKey('user_tokens'),
          tenantReference('user_tokens', 'user_id', 'users', 'CASCADE'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          { ...bigint('seq'), isPrimary: true },
          uuidColumn('id'),
          timestamp(q, 'occurred_at'),
          uuidColumn('actor_user_id', true),
          varchar('action', 80),
          varchar('target_type', 40, true),
          varchar('target_id', 64, true),
          varchar('outcome', 16),
          varchar('ip', 64, true),
          varchar('user_agent', 300, true),
          varchar('request_id', 128, true),
          text('details', true),
          varchar('prev_hash', 64),
          varchar('hash', 64),
        ],
        uniques: [{ name: 'uq_audit_events_id', columnNames: ['tenant_id', 'id'] }],
        indices: [
          { name: 'ix_audit_events_action', columnNames: ['tenant_id', 'action', 'seq'] },
          { name: 'ix_audit_events_actor', columnNames: ['tenant_id', 'actor_user_id', 'seq'] },
          { name: 'ix_audit_events_time', columnNames: ['tenant_id', 'occurred_at'] },
        ],
        foreignKeys: [tenantForeignKey('audit_events')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_chain_heads',
        columns: [
          { ...tenantIdColumn(), isPrimary: true },
          bigint('last_seq', false, 0),
          varchar('last_hash', 64),
          varchar('head_mac', 64),
          ...createdUpdated(q),
        ],
        foreignKeys: [tenantForeignKey('audit_chain_heads')],
      }),
    );

    // AUD-02: the database itself refuses to change or remove an audit row.
    if (isSqlite(q)) {
      await q.query(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
      );
      await q.query(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
      );
    } else {
      await q.query(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
      );
      await q.query(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS audit_events_no_update');
    await q.query('DROP TRIGGER IF EXISTS audit_events_no_delete');
    for (const table of [
      'audit_chain_heads',
      'audit_events',
      'user_tokens',
      'mfa_recovery_codes',
      'refresh_tokens',
      'sessions',
    ]) {
      await q.dropTable(table);
    }
    for (const column of [
      'last_login_at',
      'password_changed_at',
      'mfa_last_step',
      'mfa_pending_secret',
      'mfa_secret',
      'mfa_enabled',
    ]) {
      await q.dropColumn('users', column);
    }
  }
}
