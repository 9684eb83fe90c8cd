import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { boolean, timestamp, uuidColumn, varchar } from '../migration-helpers';

/**
 * What an admin sees of an invitation (issue 14): the channel it went out on, the outbox message that
 * carries it (its delivery status), whether it could be delivered at all, who sent it and whether it was
 * revoked. The token itself stays a SHA-256 hash.
 */
export class InvitationDelivery1765100000007 implements MigrationInterface {
  name = 'InvitationDelivery1765100000007';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('user_tokens', [
      new TableColumn(varchar('channel', 16, true)),
      new TableColumn(uuidColumn('message_id', true)),
      new TableColumn(boolean('deliverable', true)),
      new TableColumn(uuidColumn('created_by', true)),
      new TableColumn(timestamp(q, 'revoked_at', true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['revoked_at', 'created_by', 'deliverable', 'message_id', 'channel'])
      await q.dropColumn('user_tokens', column);
  }
}
