import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DOMAIN_MODULES, JOB_MODULES, platformImports } from '../../app.module';
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
    // This process is where background work runs, whatever WORKER_IN_PROCESS says about the API: the
    // outbox loop and the daily schedulers (fees late fees and reminders, privacy reminders) run here.
    const worker: AppConfig = {
      ...config,
      notifications: { ...config.notifications, workerInProcess: true },
    };
    return {
      module: WorkerAppModule,
      imports: [
        ...(platformImports(worker) ?? []),
        LoggingModule.forRoot(logDestination),
        MetricsModule,
        ...DOMAIN_MODULES,
        ...JOB_MODULES,
        NotificationsWorkerModule,
      ],
    };
  }
}
