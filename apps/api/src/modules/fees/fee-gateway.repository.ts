import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { FeeGatewaySettings } from './entities/fee-gateway.entities';

@Injectable()
export class FeeGatewaySettingsRepository extends TenantScopedRepository<FeeGatewaySettings> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeGatewaySettings);
  }

  byProvider(provider: string): Promise<FeeGatewaySettings | null> {
    return this.findOneBy({ provider });
  }

  async add(row: Insertable<FeeGatewaySettings>): Promise<void> {
    await this.insert(row);
  }

  patch(
    provider: string,
    patch: Partial<Pick<FeeGatewaySettings, 'enabled' | 'keyId' | 'secretsEnc' | 'updatedAt'>>,
  ): Promise<number> {
    return this.update({ provider }, patch);
  }

  encryptedUnder(version: number, limit: number): Promise<FeeGatewaySettings[]> {
    return this.query('g')
      .andWhere('g.secretsEnc LIKE :p', { p: `f1.${version}.%` })
      .orderBy('g.provider', 'ASC')
      .limit(limit)
      .getMany();
  }
}
