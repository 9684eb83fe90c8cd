import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

export type OutboxChannel = 'email' | 'sms' | 'whatsapp';

/**
 * pending: waiting for its next attempt (the API calls it "queued"); sending: leased by a worker until
 * next_attempt_at; sent: the provider accepted it; delivered, read, failed: what the provider reported
 * later (WhatsApp webhooks); dead: given up (attempts exhausted or refused before sending); cancelled:
 * not sent because consent was withdrawn.
 */
export type OutboxStatus =
  'pending' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'dead' | 'cancelled';

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

  /**
   * The address, or for guardian messages its mask (the address itself is in recipient_enc, encrypted
   * like the guardian record it came from, DAT-01).
   */
  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  /** JSON object of template variables. */
  @Column({ type: 'text' })
  variables!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 160 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  /** Claims so far (a claim counts even when the worker died before finishing). */
  @Column({ type: 'int' })
  attempts!: number;

  /** When a pending message is due; for a message being sent, when its worker's lease ends. */
  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt!: Date | null;

  /** Consent purpose of a guardian message (absence_alerts, ...); null for account messages. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  purpose!: string | null;

  @Column({ name: 'guardian_id', type: 'varchar', length: 36, nullable: true })
  guardianId!: string | null;

  /** FieldCrypto ciphertext of the address of a guardian message (cell: outbox_messages.recipient_enc.<id>). */
  @Column({ name: 'recipient_enc', type: 'text', nullable: true })
  recipientEnc!: string | null;

  /** The claim that holds the lease while status is 'sending'; completing needs the same token. */
  @Column({ name: 'lease_token', type: 'varchar', length: 36, nullable: true })
  leaseToken!: string | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 191, nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
