import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Times every HTTP response through a Fastify onResponse hook, labelled with the matched route pattern
 * (`routeOptions.url`, e.g. /api/v1/students/:id), never the raw URL. Contexts without an HTTP adapter
 * (the CLI, the worker) get no hook.
 */
@Injectable()
export class HttpMetricsHooks implements OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return;
    const instance = adapter.getInstance<Partial<FastifyInstance> | undefined>();
    if (typeof instance?.addHook !== 'function') {
      this.logger.warn('request metrics need the Fastify adapter; they are off');
      return;
    }
    try {
      instance.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
        this.metrics.observeHttpRequest(
          request.method,
          request.routeOptions?.url,
          reply.statusCode,
          reply.elapsedTime / 1000,
        );
        done();
      });
    } catch (error) {
      // Fastify refuses hooks once it has booted; the app must initialise before it listens.
      this.logger.error(`request metrics are off: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
