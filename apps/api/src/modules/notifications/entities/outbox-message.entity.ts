import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export type OutboxChannel = 'email' | 'sms' | 'whatsapp';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/**
 * A message waiting for delivery. Written in the business transaction that caused it, so it exists if
 * and only if that change committed. Carries only the recipient address, the template name and its
 * variables (PRV-06).
 */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  /** JSON object of template variables. */
  @Column({ type: 'text' })
  variables!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 160 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
