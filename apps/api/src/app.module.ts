import { DynamicModule, Module, Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClsModule } from 'nestjs-cls';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { AcademicsModule } from './modules/academics/academics.module';
import { StudentsModule } from './modules/students/students.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { FeesModule } from './modules/fees/fees.module';
import { ExamsModule } from './modules/exams/exams.module';
import { ProvisioningModule } from './modules/provisioning/provisioning.module';
import { UserAdminModule } from './modules/user-admin/user-admin.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { SchoolSettingsModule } from './modules/school-settings/school-settings.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { TimetableModule } from './modules/timetable/timetable.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CircularsModule } from './modules/circulars/circulars.module';
import { OffboardingModule } from './modules/provisioning/offboarding/offboarding.module';
import { AccessGuard } from './platform/security/access.guard';
import { ShalaThrottlerGuard, throttlerOptions } from './platform/security/throttling';
import { SCHEMA } from './database.registry';
import { AccessModule } from './modules/access/access.module';
import { InstitutionsModule } from './modules/institutions/institutions.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';
import { UsersModule } from './modules/users/users.module';
import type { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { HealthModule } from './platform/health/health.module';
import { LoggingModule } from './platform/logging/logging.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { SecurityModule } from './platform/security/security.module';
import { TimeModule } from './platform/time/time.module';
import { CacheModule } from './platform/cache/cache.module';
import { TenancyModule } from './platform/tenancy/tenancy.module';

/** Platform pieces every entrypoint (HTTP API, worker, CLI) shares. */
export function platformImports(config: AppConfig): DynamicModule['imports'] {
  return [
    ConfigModule.forRoot(config),
    // The HTTP API opens each request's context in a Fastify hook (platform/http/request-scope.ts).
    ClsModule.forRoot({ global: true }),
    TenancyModule,
    DatabaseModule.forRoot(SCHEMA),
    SecurityModule,
    TimeModule,
    CacheModule,
  ];
}

/** Domain modules, one folder each under src/modules. */
export const DOMAIN_MODULES = [
  InstitutionsModule,
  AccessModule,
  UsersModule,
  NotificationsModule,
  AuditModule,
  AuthModule,
  AcademicsModule,
  StudentsModule,
  AttendanceModule,
  FeesModule,
  ExamsModule,
  CircularsModule,
];

/**
 * Modules above the domain ones with jobs the worker process runs too (privacy reminders, retention and
 * erasures; the offboarding export purge).
 */
export const JOB_MODULES = [PrivacyModule, OffboardingModule];

/** Modules that only the HTTP API needs. */
const HTTP_MODULES = [
  UserAdminModule,
  ProvisioningModule,
  SchoolSettingsModule,
  DashboardsModule,
  PrivacyModule,
  CalendarModule,
  TimetableModule,
];

export interface AppModuleOptions {
  /** Tests read the JSON logs from here instead of stdout. */
  logDestination?: DestinationStream;
  /** Tests add probe controllers that exercise the real pipeline. */
  extraModules?: Type[];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(platformImports(config) ?? []),
        LoggingModule.forRoot(options.logDestination),
        HealthModule,
        MetricsModule,
        ThrottlerModule.forRoot(throttlerOptions(config)),
        ...DOMAIN_MODULES,
        ...HTTP_MODULES,
        // The embedded default delivers messages in this process (WORKER_IN_PROCESS; never in tests).
        ...(config.notifications.workerInProcess ? [NotificationsWorkerModule] : []),
        ...(options.extraModules ?? []),
      ],
      // Global guards, in order: who is calling and may they (AZ-01, TEN-01), then how often (AUT-07).
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: ShalaThrottlerGuard },
      ],
    };
  }
}
