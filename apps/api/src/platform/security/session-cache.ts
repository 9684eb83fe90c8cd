import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export type SessionState = 'live' | 'revoked';

const MEMORY_TTL_MS = 2_000;
const REDIS_TTL_SECONDS = 30;

/**
 * A short cache of "is this session still live?" in front of the sessions table, so access tokens of a
 * revoked session stop working within seconds (AUT-05). In memory it lives 2 s per process; with Redis
 * it is shared by every replica and a revocation deletes the entry at once.
 */
@Injectable()
export class SessionCache implements OnApplicationShutdown {
  private readonly memory = new Map<string, { state: SessionState; until: number }>();
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null;
    this.redis?.on('error', () => undefined);
  }

  private key(tenantId: string, sessionId: string): string {
    return `shala:session:${tenantId}:${sessionId}`;
  }

  async get(tenantId: string, sessionId: string): Promise<SessionState | null> {
    const key = this.key(tenantId, sessionId);
    if (this.redis) {
      const value = await this.redis.get(key).catch(() => null);
      return value === 'live' || value === 'revoked' ? value : null;
    }
    const hit = this.memory.get(key);
    if (!hit || hit.until < Date.now()) {
      this.memory.delete(key);
      return null;
    }
    return hit.state;
  }

  async set(tenantId: string, sessionId: string, state: SessionState): Promise<void> {
    const key = this.key(tenantId, sessionId);
    if (this.redis) {
      await this.redis.set(key, state, 'EX', REDIS_TTL_SECONDS).catch(() => undefined);
      return;
    }
    if (this.memory.size > 50_000) this.memory.clear();
    this.memory.set(key, { state, until: Date.now() + MEMORY_TTL_MS });
  }

  async revoked(tenantId: string, sessionIds: string[]): Promise<void> {
    for (const id of sessionIds) await this.set(tenantId, id, 'revoked');
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
