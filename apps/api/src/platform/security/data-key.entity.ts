import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../database/tenant-entity';

/** A tenant's data key, wrapped (AES-256-GCM) by the master key from the environment. */
@Entity({ name: 'tenant_data_keys' })
export class TenantDataKey extends TenantEntity {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'wrapped_key', type: 'text' })
  wrappedKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'active' | 'retired';

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;
}
