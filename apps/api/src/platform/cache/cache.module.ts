import { Global, Module } from '@nestjs/common';
import { TenantCache } from './tenant-cache';

@Global()
@Module({ providers: [TenantCache], exports: [TenantCache] })
export class CacheModule {}
