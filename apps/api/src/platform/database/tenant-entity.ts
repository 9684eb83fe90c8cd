import { PrimaryColumn } from 'typeorm';

/**
 * Base of every entity that belongs to one institution (a tenant table). `tenant_id` is NOT NULL and
 * leads the primary key; only the tenant-scoped repository sets it, from the request context.
 */
export abstract class TenantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;
}

/** The shape callers hand to the repository: everything but the tenant, which the repository stamps. */
export type WithoutTenant<T> = Omit<T, 'tenantId'> & { tenantId?: never };
