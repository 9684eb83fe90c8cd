import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DOMAIN_MODULES, platformImports } from '../../app.module';
import type { AppConfig } from '../../platform/config/app-config';
import { LoggingModule } from '../../platform/logging/logging.module';
import { MetricsModule } from '../../platform/metrics/metrics.module';
import { NotificationsWorkerModule } from './notifications-worker.module';

/**
 * The worker process (`node dist/worker.js`): the platform and domain services, JSON logs, the internal
 * metrics listener (its health check), and the outbox worker loop; no HTTP server.
 */
@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ...(platformImports(config) ?? []),
        LoggingModule.forRoot(logDestination),
        MetricsModule,
        ...DOMAIN_MODULES,
        NotificationsWorkerModule,
      ],
    };
  }
}
