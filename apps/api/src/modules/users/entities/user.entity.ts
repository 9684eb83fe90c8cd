import type { Locale } from '@shala/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';
import { bigintAsNumber } from '../../../platform/database/transformers';

export type UserStatus = 'active' | 'invited' | 'disabled';

@Entity({ name: 'users' })
export class User extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: UserStatus;

  @Column({ name: 'mfa_enabled', type: 'boolean' })
  mfaEnabled!: boolean;

  /** The TOTP secret, sealed with the SecretBox (AES-256-GCM); never selected unless asked for. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true, select: false })
  mfaSecret!: string | null;

  /** A secret being enrolled, until the first code confirms it. */
  @Column({ name: 'mfa_pending_secret', type: 'text', nullable: true, select: false })
  mfaPendingSecret!: string | null;

  /** The last TOTP time step accepted: a code is accepted once only (AUT-06). */
  @Column({
    name: 'mfa_last_step',
    type: 'bigint',
    select: false,
    transformer: bigintAsNumber,
  })
  mfaLastStep!: number;

  @Column({ name: 'password_changed_at', type: 'datetime', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;

  /** The language the user reads the web app in. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: Locale;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
