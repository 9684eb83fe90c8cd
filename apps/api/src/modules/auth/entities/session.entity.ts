import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** One signed-in device: the family of its rotating refresh tokens. */
@Entity({ name: 'sessions' })
export class Session extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'datetime' })
  lastUsedAt!: Date;

  /** The absolute end of the session, however active it is. */
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 40, nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;
}

@Entity({ name: 'refresh_tokens' })
export class RefreshToken extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  /** SHA-256 of the token's secret part, hex. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** Set when the token was exchanged; presenting it again is reuse (AUT-04). */
  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;
}

@Entity({ name: 'mfa_recovery_codes' })
export class RecoveryCode extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

export type UserTokenPurpose = 'reset' | 'invite';

/** Single-use, short-lived tokens mailed to a user: password reset and invitation. */
@Entity({ name: 'user_tokens' })
export class UserToken extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: UserTokenPurpose;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** Invitations: the channel the link went out on (null for password resets, always email). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: InvitationChannel | null;

  /** The outbox message carrying the link, whose status is the invitation's delivery status. */
  @Column({ name: 'message_id', type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  /** False when the channel was not set up or the address was missing: the admin was shown the link once. */
  @Column({ type: 'boolean' })
  deliverable!: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  /** An admin revoked the invitation: the link no longer works. */
  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}

export type InvitationChannel = 'email' | 'sms' | 'whatsapp';
