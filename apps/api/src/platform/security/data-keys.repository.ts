import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { RequestContext } from '../tenancy/request-context';
import { TenantDataKey } from './data-key.entity';

@Injectable()
export class DataKeysRepository extends TenantScopedRepository<TenantDataKey> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, TenantDataKey);
  }

  findVersion(version: number): Promise<TenantDataKey | null> {
    return this.findOneBy({ version });
  }

  latestActive(): Promise<TenantDataKey | null> {
    return this.findOne({ where: { status: 'active' }, order: { version: 'DESC' } });
  }

  all(): Promise<TenantDataKey[]> {
    return this.find({ order: { version: 'ASC' } });
  }

  async add(version: number, wrappedKey: string): Promise<void> {
    await this.insert({ version, wrappedKey, status: 'active' } as Omit<TenantDataKey, 'tenantId'>);
  }

  retireBelow(version: number): Promise<number> {
    return this.find({ where: { status: 'active' } }).then(async (keys) => {
      let n = 0;
      for (const k of keys.filter((k) => k.version < version))
        n += await this.update({ version: k.version }, { status: 'retired' });
      return n;
    });
  }
}
