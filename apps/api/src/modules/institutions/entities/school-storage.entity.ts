import { Column, Entity } from 'typeorm';
import { bigintAsNumber } from '../../../platform/database/transformers';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/** A school's estimated storage (bytes and rows across its tenant tables), measured once a local day. */
@Entity({ name: 'school_storage' })
export class SchoolStorageRow extends TenantEntity {
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ name: 'row_count', type: 'bigint', transformer: bigintAsNumber })
  rowCount!: number;

  @Column({ name: 'measured_on', type: 'varchar', length: 10 })
  measuredOn!: string;

  @Column({ name: 'updated_at', type: 'datetime', insert: false, update: false })
  updatedAt!: Date;
}
