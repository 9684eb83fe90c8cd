import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/**
 * An institution's account with an online payment provider: the public key id in the clear, and the
 * credentials (API key secret, webhook secret) as one FieldCrypto ciphertext of a JSON object bound to
 * this row (DAT-01). Credentials are write-only through the API and never logged.
 */
@Entity({ name: 'fee_gateway_settings' })
export class FeeGatewaySettings extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  provider!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'key_id', type: 'varchar', length: 64, nullable: true })
  keyId!: string | null;

  @Column({ name: 'secrets_enc', type: 'text', nullable: true })
  secretsEnc!: string | null;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

export const FEE_GATEWAY_ENTITIES = [FeeGatewaySettings];
