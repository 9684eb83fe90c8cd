import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Database } from '../database/database';
import { OutboxBacklog, outboxBacklog, poolStats } from './database-metrics';
import { EventLoopMetrics } from './event-loop-metrics';

/** Label for requests that matched no route (404s, scanners): never the raw URL, which is unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

const COLLECT_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Keeps a label value bounded and safe: lower case, [a-z0-9_], at most 48 characters. */
export function labelValue(raw: string, fallback = 'unknown'): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  return cleaned || fallback;
}

export function statusClass(statusCode: number): string {
  return statusCode >= 100 && statusCode < 600 ? `${Math.floor(statusCode / 100)}xx` : 'other';
}

/**
 * Prometheus metrics for the process (AUD-05), on a registry of its own so several app instances (tests)
 * never collide: request latency by route pattern, error responses, the database pool, the outbox backlog,
 * failed logins and event-loop delay, plus Node's default process metrics.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();

  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly httpErrors: Counter<'method' | 'route' | 'status'>;
  private readonly failedLogins: Counter<'reason'>;
  private readonly collectErrors: Counter<'collector'>;
  private readonly eventLoop: EventLoopMetrics;
  private backlogInFlight: Promise<OutboxBacklog | null> | null = null;

  constructor(private readonly db: Database) {
    collectDefaultMetrics({ register: this.registry });
    this.eventLoop = new EventLoopMetrics(this.registry);

    this.httpDuration = new Histogram({
      name: 'shala_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.httpErrors = new Counter({
      name: 'shala_http_errors_total',
      help: 'HTTP responses with a 4xx or 5xx status, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.failedLogins = new Counter({
      name: 'shala_auth_failed_logins_total',
      help: 'Failed sign-in attempts by reason (bad credentials, MFA, throttled, ...).',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.collectErrors = new Counter({
      name: 'shala_metrics_collect_errors_total',
      help: 'Scrape-time collectors that failed (the database did not answer, ...).',
      labelNames: ['collector'],
      registers: [this.registry],
    });

    // prom-client calls collect() with the gauge as `this`, so the collectors close over these instead.
    const { db: database } = this;
    const backlogForScrape = () => this.outboxBacklogForScrape();
    new Gauge({
      name: 'shala_db_pool_connections',
      help: 'Database connection pool: total, idle, in_use, waiting requests and max (SQLite reports one connection).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.reset();
        const stats = poolStats(database.dataSource);
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'in_use' }, stats.inUse);
        this.set({ state: 'waiting' }, stats.waiting);
        this.set({ state: 'max' }, stats.max);
      },
    });

    new Gauge({
      name: 'shala_outbox_pending_messages',
      help: 'Outbox messages waiting for delivery, across institutions.',
      registers: [this.registry],
      async collect() {
        const backlog = await backlogForScrape();
        // NaN, not 0, when the database did not answer: an unknown backlog is not an empty one.
        this.set(backlog ? backlog.pending : NaN);
      },
    });
    new Gauge({
      name: 'shala_outbox_lag_seconds',
      help: 'Age in seconds of the oldest pending outbox message (0 when none is pending).',
      registers: [this.registry],
      async collect() {
        const backlog = await backlogForScrape();
        this.set(backlog ? backlog.oldestAgeSeconds : NaN);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.eventLoop.start();
  }

  onApplicationShutdown(): void {
    this.eventLoop.stop();
  }

  /**
   * One outbox query per scrape: prom-client starts every collector of a scrape in the same tick, so the
   * two outbox gauges share the query in flight. A failure is counted and logged.
   */
  private outboxBacklogForScrape(): Promise<OutboxBacklog | null> {
    if (this.backlogInFlight) return this.backlogInFlight;
    const result = withTimeout(outboxBacklog(this.db), COLLECT_TIMEOUT_MS)
      .catch((error: unknown) => {
        this.collectErrors.inc({ collector: 'outbox' });
        this.logger.warn(
          `outbox lag not collected: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      })
      .finally(() => {
        this.backlogInFlight = null;
      });
    this.backlogInFlight = result;
    return result;
  }

  /** Called once per HTTP response by the Fastify hook; `route` is the route pattern, never the URL. */
  observeHttpRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const routeLabel = route || UNMATCHED_ROUTE;
    this.httpDuration.observe(
      { method, route: routeLabel, status_class: statusClass(statusCode) },
      Math.max(0, seconds),
    );
    if (statusCode >= 400) this.httpErrors.inc({ method, route: routeLabel, status: String(statusCode) });
  }

  /** The auth module calls this on every failed sign-in; `reason` is a short code such as `bad_password`. */
  recordFailedLogin(reason: string): void {
    this.failedLogins.inc({ reason: labelValue(reason) });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
