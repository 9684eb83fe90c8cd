import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { CommonErrorCode } from '@shala/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { ClsServiceManager } from 'nestjs-cls';
import type { AppConfig } from '../config/app-config';
import { DependencyUnavailableError, DomainError } from '../errors/domain-error';

export type AuthThrottleKind = 'login' | 'mfa' | 'reset' | 'refresh';
export const AUTH_THROTTLE = 'shala:authThrottle';

/** Marks a credential endpoint for the per-IP and per-account limits (AUT-07). */
export const AuthThrottle = (kind: AuthThrottleKind): MethodDecorator => SetMetadata(AUTH_THROTTLE, kind);

const MINUTE = 60_000;

/** Limits per kind of credential endpoint: [limit, window ms]. Windows end by themselves: no permanent lockout. */
export const AUTH_LIMITS: Record<
  AuthThrottleKind,
  { ip: [number, number]; accountIp?: [number, number]; account?: [number, number] }
> = {
  // A school's staff share one NAT address at 8 am, so the per-IP limit is generous; the per-account
  // limits stop guessing.
  login: { ip: [200, 15 * MINUTE], accountIp: [10, 15 * MINUTE], account: [50, 60 * MINUTE] },
  mfa: { ip: [200, 15 * MINUTE], account: [10, 15 * MINUTE] },
  reset: { ip: [50, 15 * MINUTE], account: [5, 60 * MINUTE] },
  refresh: { ip: [600, 15 * MINUTE] },
};

/** The general per-user (or per-IP when anonymous) API limit. */
export const API_LIMIT: [number, number] = [600, MINUTE];

const reflector = new Reflector();
const kindOf = (ctx: ExecutionContext): AuthThrottleKind | undefined =>
  reflector.get<AuthThrottleKind>(AUTH_THROTTLE, ctx.getHandler());

function accountKey(req: FastifyRequest, kind: AuthThrottleKind): string | null {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (kind === 'login' || kind === 'reset') {
    if (typeof body.institution !== 'string' || typeof body.email !== 'string') return null;
    return `${body.institution.trim().toLowerCase()}:${body.email.trim().toLowerCase()}`;
  }
  if (kind === 'mfa' && typeof body.mfaToken === 'string') {
    // The user the MFA token names (unverified: only a bucket key; the token is verified by the handler).
    try {
      const payload = JSON.parse(
        Buffer.from(body.mfaToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { sub?: unknown; tid?: unknown };
      return typeof payload.sub === 'string' ? `${String(payload.tid)}:${payload.sub}` : null;
    } catch {
      return null;
    }
  }
  return null;
}

const ipOf = (req: FastifyRequest) => req.ip ?? 'unknown';

function authThrottler(
  name: 'auth-ip' | 'auth-account-ip' | 'auth-account',
  pick: (l: (typeof AUTH_LIMITS)[AuthThrottleKind]) => [number, number] | undefined,
): ThrottlerOptions {
  const limits = (ctx: ExecutionContext) => pick(AUTH_LIMITS[kindOf(ctx)!]) ?? [1, 1];
  return {
    name,
    limit: (ctx) => limits(ctx)[0],
    ttl: (ctx) => limits(ctx)[1],
    blockDuration: (ctx) => limits(ctx)[1],
    skipIf: (ctx) => {
      const kind = kindOf(ctx);
      if (!kind || !pick(AUTH_LIMITS[kind])) return true;
      return name !== 'auth-ip' && accountKey(ctx.switchToHttp().getRequest<FastifyRequest>(), kind) === null;
    },
    getTracker: (req, ctx) => {
      const request = req as FastifyRequest;
      const account = accountKey(request, kindOf(ctx)!);
      return name === 'auth-ip'
        ? ipOf(request)
        : name === 'auth-account'
          ? `acct:${account}`
          : `acct:${account}|ip:${ipOf(request)}`;
    },
  };
}

/** Redis-backed counters that fail closed: when Redis is down the API answers 503, never unthrottled. */
class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly inner: ThrottlerStorageRedisService;

  constructor(url: string) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    this.inner = new ThrottlerStorageRedisService(redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    try {
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch {
      throw new DependencyUnavailableError('The rate-limit store is unavailable; try again shortly.');
    }
  }
}

/** Throttler setup: in-memory in the embedded default, Redis when REDIS_URL is set so replicas share counts. */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'api',
        limit: API_LIMIT[0],
        ttl: API_LIMIT[1],
        getTracker: (req) => {
          const cls = ClsServiceManager.getClsService();
          const userId = cls.isActive() ? (cls.get('userId') as string | undefined) : undefined;
          return userId ? `user:${userId}` : `ip:${ipOf(req as FastifyRequest)}`;
        },
      },
      authThrottler('auth-ip', (l) => l.ip),
      authThrottler('auth-account-ip', (l) => l.accountIp),
      authThrottler('auth-account', (l) => l.account),
    ],
    setHeaders: false,
    ...(config.redisUrl ? { storage: new RedisThrottlerStorage(config.redisUrl) } : {}),
  };
}

export class ThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, CommonErrorCode.Throttled, `Too many attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Answers 429 in the envelope with a plain Retry-After header (AUT-07). */
@Injectable()
export class ShalaThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
    throw new ThrottledError(seconds);
  }
}
