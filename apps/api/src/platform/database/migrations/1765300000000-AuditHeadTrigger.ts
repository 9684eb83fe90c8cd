import { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../migration-helpers';

/** The message the trigger refuses an append with (AuditEventsRepository tells it from other errors). */
const HEAD_MOVED = 'audit chain head moved';

/**
 * An audit append in one statement (issue 18): the event row carries the chain head it makes
 * (`head_mac`, the HMAC over tenant, seq and hash that only the API can compute, AUD-03), and a trigger
 * moves audit_chain_heads on in the same statement, only from the event's predecessor: the head must be
 * (seq - 1, prev_hash), or the database refuses the row with HEAD_MOVED and the API reads the head
 * under its lock instead. Rows without head_mac (the bulk seed, which writes its heads itself) leave the
 * head alone. The trigger runs BEFORE the row goes in: the head's row lock is taken first, as a locked read
 * of the head would, and a refused row took no lock on its seq that could later hold up the event that
 * does get that seq while this transaction waits for the head (a deadlock the AFTER trigger had). Plain ADD
 * COLUMN, done in place by SQLite and MariaDB, so the AUD-02 triggers stay.
 */
export class AuditHeadTrigger1765300000000 implements MigrationInterface {
  name = 'AuditHeadTrigger1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_events ADD COLUMN head_mac varchar(64) NULL');
    if (isSqlite(q)) {
      await q.query(
        `CREATE TRIGGER audit_events_move_head BEFORE INSERT ON audit_events WHEN NEW.head_mac IS NOT NULL
         BEGIN
           SELECT RAISE(ABORT, '${HEAD_MOVED}') WHERE NOT EXISTS (SELECT 1 FROM audit_chain_heads
             WHERE tenant_id = NEW.tenant_id AND last_seq = NEW.seq - 1 AND last_hash = NEW.prev_hash);
           UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash, head_mac = NEW.head_mac,
             updated_at = NEW.occurred_at WHERE tenant_id = NEW.tenant_id;
         END`,
      );
    } else {
      await q.query(
        `CREATE TRIGGER audit_events_move_head BEFORE INSERT ON audit_events FOR EACH ROW
         BEGIN
           IF NEW.head_mac IS NOT NULL THEN
             UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash, head_mac = NEW.head_mac,
               updated_at = NEW.occurred_at
               WHERE tenant_id = NEW.tenant_id AND last_seq = NEW.seq - 1 AND last_hash = NEW.prev_hash;
             IF ROW_COUNT() <> 1 THEN
               SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${HEAD_MOVED}';
             END IF;
           END IF;
         END`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS audit_events_move_head');
    await q.query('ALTER TABLE audit_events DROP COLUMN head_mac');
  }
}
