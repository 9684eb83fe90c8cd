import { Global, Module } from '@nestjs/common';
import { InvalidationBus } from './invalidation-bus';
import { TenantCache } from './tenant-cache';

@Global()
@Module({ providers: [TenantCache, InvalidationBus], exports: [TenantCache, InvalidationBus] })
export class CacheModule {}
