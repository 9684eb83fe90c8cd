import { Global, Module } from '@nestjs/common';
import { HttpMetricsHooks } from './http-metrics.hooks';
import { METRICS_CONFIG, loadMetricsConfig } from './metrics.config';
import { MetricsServer } from './metrics.server';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics (AUD-05): request latency per route pattern, error responses, database pool, outbox
 * lag, failed logins and event-loop delay, served on an internal listener (METRICS_HOST:METRICS_PORT), not on the API port.
 * Global, so any module can inject MetricsService (the auth module calls `recordFailedLogin`).
 */
@Global()
@Module({
  providers: [
    { provide: METRICS_CONFIG, useFactory: () => loadMetricsConfig(process.env) },
    MetricsService,
    MetricsServer,
    HttpMetricsHooks,
  ],
  exports: [MetricsService],
})
export class MetricsModule {}
