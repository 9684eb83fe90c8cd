import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis-client';

export type SessionState = 'live' | 'revoked';

const MEMORY_TTL_MS = 2_000;
const REDIS_TTL_SECONDS = 30;
/** After Redis fails, the cache stays in memory this long before trying Redis again. */
export const REDIS_COOLDOWN_MS = 5_000;

/**
 * A short cache of "is this session still live?" in front of the sessions table, so access tokens of a
 * revoked session stop working within seconds (AUT-05). In memory it lives 2 s per process; with Redis
 * it is shared by every replica and a revocation deletes the entry at once. When Redis fails or times
 * out, the cache falls back to memory for a few seconds, so a dead Redis costs one timeout, not one per
 * request (the sessions table stays the source of truth).
 */
@Injectable()
export class SessionCache implements OnApplicationShutdown {
  private readonly memory = new Map<string, { state: SessionState; until: number }>();
  private readonly redis: Redis | null;
  private redisDownUntil = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.redisUrl ? createRedisClient(config.redisUrl, config.redisTimeouts) : null;
  }

  /** Redis, unless it failed within the cooldown (then the memory cache serves). */
  private get shared(): Redis | null {
    return this.redis && Date.now() >= this.redisDownUntil ? this.redis : null;
  }

  /** Runs a Redis command; on failure starts the cooldown and answers `undefined`. */
  private async tryRedis<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    const redis = this.shared;
    if (!redis) return undefined;
    try {
      return await command(redis);
    } catch {
      this.redisDownUntil = Date.now() + REDIS_COOLDOWN_MS;
      return undefined;
    }
  }

  private key(tenantId: string, sessionId: string): string {
    return `shala:session:${tenantId}:${sessionId}`;
  }

  async get(tenantId: string, sessionId: string): Promise<SessionState | null> {
    const key = this.key(tenantId, sessionId);
    const hit = this.memory.get(key);
    if (hit && hit.until < Date.now()) this.memory.delete(key);
    const remembered = hit && hit.until >= Date.now() ? hit.state : null;
    // A revocation Redis missed while down stays in memory until Redis's own entry has expired.
    if (remembered === 'revoked') return remembered;
    if (this.shared) {
      const value = await this.tryRedis((redis) => redis.get(key));
      if (value !== undefined) return value === 'live' || value === 'revoked' ? value : null;
    }
    return remembered;
  }

  async set(tenantId: string, sessionId: string, state: SessionState): Promise<void> {
    const key = this.key(tenantId, sessionId);
    if (this.shared && (await this.tryRedis((redis) => redis.set(key, state, 'EX', REDIS_TTL_SECONDS))))
      return;
    if (this.memory.size > 50_000) this.memory.clear();
    const ttl = this.redis && state === 'revoked' ? REDIS_TTL_SECONDS * 1000 : MEMORY_TTL_MS;
    this.memory.set(key, { state, until: Date.now() + ttl });
  }

  async revoked(tenantId: string, sessionIds: string[]): Promise<void> {
    for (const id of sessionIds) await this.set(tenantId, id, 'revoked');
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
