import { DynamicModule, Module } from '@nestjs/common';
import { DOMAIN_MODULES, platformImports } from '../app.module';
import type { AppConfig } from '../platform/config/app-config';
import { DemoSeeder } from './demo.seeder';

/** What the seed commands need: the platform and the domain services, without the HTTP layer. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [...(platformImports(config) ?? []), ...DOMAIN_MODULES],
      providers: [DemoSeeder],
    };
  }
}
