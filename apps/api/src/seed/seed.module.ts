import { DynamicModule, Module } from '@nestjs/common';
import { DOMAIN_MODULES, platformImports } from '../app.module';
import { PrivacyModule } from '../modules/privacy/privacy.module';
import { CalendarModule } from '../modules/calendar/calendar.module';
import { TimetableModule } from '../modules/timetable/timetable.module';
import type { AppConfig } from '../platform/config/app-config';
import { BulkScaleSeeder } from './bulk-scale.seeder';
import { DemoSeeder } from './demo.seeder';

/** What the seed commands need: the platform and the domain services, without the HTTP layer. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      // Privacy sits above the domain modules (it reads them all); the demo seeds its request register.
      imports: [
        ...(platformImports(config) ?? []),
        ...DOMAIN_MODULES,
        PrivacyModule,
        CalendarModule,
        TimetableModule,
      ],
      providers: [DemoSeeder, BulkScaleSeeder],
    };
  }
}
