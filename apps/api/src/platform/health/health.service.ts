import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { HealthStatus } from '@shala/contracts';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis-client';

/** A readiness probe answers within this, whatever the dependencies' own (longer) timeouts. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly redis: Redis | null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = config.redisUrl
      ? createRedisClient(config.redisUrl, config.redisTimeouts, { lazyConnect: true })
      : null;
  }

  async readiness(): Promise<HealthStatus> {
    const checks: HealthStatus['checks'] = {};
    checks.database = await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    if (this.redis) {
      const redis = this.redis;
      const ping = async () => {
        if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
        return redis.ping();
      };
      checks.redis = await withTimeout(ping(), CHECK_TIMEOUT_MS).then(
        (pong) => (pong === 'PONG' ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      );
    } else {
      checks.redis = 'not_configured';
    }
    const down = Object.values(checks).includes('down');
    return { status: down ? 'unavailable' : 'ok', checks };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
