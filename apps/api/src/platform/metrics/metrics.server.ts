import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_CONFIG, MetricsConfig } from './metrics.config';
import { MetricsService } from './metrics.service';

export const METRICS_PATH = '/metrics';

/**
 * The internal metrics listener: `GET /metrics` on METRICS_HOST:METRICS_PORT (127.0.0.1:9464 by default),
 * a port of its own so the public API port (and Nginx in front of it) never serves metrics. Failing to
 * bind is logged and the API keeps serving: Prometheus then reports the target down.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === 0) {
      this.logger.log('metrics listener disabled (METRICS_PORT=0)');
      return;
    }
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 65_000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.config.port, this.config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.logger.error(
        `metrics listener could not bind ${this.config.host}:${this.config.port}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    server.on('error', (error) => this.logger.error(`metrics listener: ${error.message}`));
    this.server = server;
    const address = this.address();
    this.logger.log(
      `metrics on http://${this.config.host}:${address?.port ?? this.config.port}${METRICS_PATH}`,
    );
  }

  /** Where the listener is bound, or null when it is off. */
  address(): AddressInfo | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== METRICS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end();
      return;
    }
    try {
      const body = await this.metrics.render();
      res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`metrics scrape failed: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('scrape failed\n');
    }
  }
}
