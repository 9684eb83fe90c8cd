import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';
import type { OutboxChannel } from './outbox-message.entity';

/**
 * An institution's settings for one channel: plain settings as JSON, and credentials (API keys, tokens,
 * app secrets) as one FieldCrypto ciphertext of a JSON object, bound to this row (DAT-01). Credentials
 * are write-only through the API and never logged.
 */
@Entity({ name: 'notification_channels' })
export class ChannelSettingsRow extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** JSON object of the channel's non-secret settings. */
  @Column({ type: 'text' })
  settings!: string;

  @Column({ name: 'secrets_enc', type: 'text', nullable: true })
  secretsEnc!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** Institution-wide messaging preferences: quiet hours (local time) and the default language. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferencesRow extends TenantEntity {
  /** 'HH:MM' local time the quiet window starts, or null for none. */
  @Column({ name: 'quiet_start', type: 'varchar', length: 5, nullable: true })
  quietStart!: string | null;

  @Column({ name: 'quiet_end', type: 'varchar', length: 5, nullable: true })
  quietEnd!: string | null;

  @Column({ name: 'default_language', type: 'varchar', length: 16 })
  defaultLanguage!: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
