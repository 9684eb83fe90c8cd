import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export type MessageEventKind =
  | 'attempt_failed'
  | 'deferred'
  | 'released'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'dead'
  | 'cancelled'
  | 'retried';

/**
 * One step in a message's delivery log. Provider webhook events carry a dedupe key (unique per
 * institution), so a duplicate or replayed event is recorded and applied once (APP-07).
 */
@Entity({ name: 'notification_message_events' })
export class MessageEvent extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'message_id', type: 'varchar', length: 36 })
  messageId!: string;

  @Column({ type: 'varchar', length: 16 })
  event!: MessageEventKind;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @Column({ type: 'int', nullable: true })
  attempt!: number | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 191, nullable: true })
  dedupeKey!: string | null;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt!: Date;
}
