import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  Resolvable,
  ThrottlerGenerateKeyFunction,
  ThrottlerGetTrackerFunction,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { CommonErrorCode } from '@shala/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { ClsServiceManager } from 'nestjs-cls';
import { Observable, catchError, throwError } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { DependencyUnavailableError, DomainError } from '../errors/domain-error';
import { redisOptions } from '../redis/redis-client';
import { MemoryThrottlerStorage } from './memory-throttler-storage';

export type AuthThrottleKind = 'reauth' | 'reset' | 'refresh';
export const AUTH_THROTTLE = 'shala:authThrottle';

/**
 * Marks a credential endpoint for the guard's per-IP and per-account limits (AUT-07). Password sign-in and
 * the MFA step of signing in are not limited here: their limits need the outcome and the verified MFA token
 * (modules/auth/sign-in-limits.ts). 'mfa' is for codes checked on signed-in routes (re-authentication).
 */
export const AuthThrottle = (kind: AuthThrottleKind): MethodDecorator => SetMetadata(AUTH_THROTTLE, kind);

const MINUTE = 60_000;

/** Limits per kind of credential endpoint: [limit, window ms]. Windows end by themselves: no permanent lockout. */
export const AUTH_LIMITS: Record<AuthThrottleKind, { ip: [number, number]; account?: [number, number] }> = {
  // A signed-in user re-entering their password for a sensitive action (e.g. an admin's MFA reset):
  // counted per verified user, never per claim in the body.
  reauth: { ip: [200, 15 * MINUTE], account: [20, 15 * MINUTE] },
  reset: { ip: [50, 15 * MINUTE], account: [5, 60 * MINUTE] },
  refresh: { ip: [600, 15 * MINUTE] },
};

/** The general per-user (or per-IP when anonymous) API limit by default (API_RATE_LIMIT_PER_MINUTE). */
export const API_LIMIT: [number, number] = [600, MINUTE];

const reflector = new Reflector();
const kindOf = (ctx: ExecutionContext): AuthThrottleKind | undefined =>
  reflector.get<AuthThrottleKind>(AUTH_THROTTLE, ctx.getHandler());

function accountKey(req: FastifyRequest, kind: AuthThrottleKind): string | null {
  if (kind === 'reauth') {
    const cls = ClsServiceManager.getClsService();
    const userId = cls.isActive() ? (cls.get('userId') as string | undefined) : undefined;
    return userId ? `user:${userId}` : null;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (kind !== 'reset' || typeof body.institution !== 'string' || typeof body.email !== 'string') return null;
  return `${body.institution.trim().toLowerCase()}:${body.email.trim().toLowerCase()}`;
}

const ipOf = (req: FastifyRequest) => req.ip ?? 'unknown';

function authThrottler(
  name: 'auth-ip' | 'auth-account',
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
      return name === 'auth-ip' ? ipOf(request) : `acct:${account}`;
    },
  };
}

/** Redis-backed counters that fail closed: when Redis is down the API answers 503, never unthrottled. */
class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly inner: ThrottlerStorageRedisService;

  constructor(url: string) {
    const redis = new Redis(url, redisOptions());
    redis.on('error', () => undefined);
    this.inner = new ThrottlerStorageRedisService(redis);
  }

  /** The connection the sign-in limits share (AttemptWindows.over), so one Redis client serves both. */
  get client(): ThrottlerStorageRedisService['redis'] {
    return this.inner.redis;
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
        limit: config.apiRateLimitPerMinute,
        ttl: API_LIMIT[1],
        getTracker: (req) => {
          const cls = ClsServiceManager.getClsService();
          const userId = cls.isActive() ? (cls.get('userId') as string | undefined) : undefined;
          return userId ? `user:${userId}` : `ip:${ipOf(req as FastifyRequest)}`;
        },
      },
      authThrottler('auth-ip', (l) => l.ip),
      authThrottler('auth-account', (l) => l.account),
    ],
    setHeaders: false,
    storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : new MemoryThrottlerStorage(),
  };
}

export class ThrottledError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts; try again in ${retryAfterSeconds} seconds.`,
  ) {
    super(429, CommonErrorCode.Throttled, message);
  }
}

/**
 * Puts the Retry-After header on a ThrottledError thrown by a handler or service (the guard sets it itself);
 * the error filter then answers 429 in the envelope.
 */
@Injectable()
export class RetryAfterHeader implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ThrottledError)
          context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('retry-after', String(error.retryAfterSeconds));
        return throwError(() => error);
      }),
    );
  }
}

// --- Sliding windows for the sign-in limits ----------------------------------------------------------

/** What counting one attempt found. */
export interface WindowHit {
  /** The attempt was logged: fewer than `limit` attempts were in the window before it. */
  allowed: boolean;
  /** Attempts in the window, this one included when it was logged. */
  count: number;
  /** When refused: milliseconds until the window has room again. */
  retryAfterMs: number;
}

/**
 * Sliding-window logs of attempts and single-use markers for the sign-in limits (AUT-07). A window slides:
 * an attempt stops counting exactly `windowMs` after it was made, so there is no edge at which a fixed
 * window resets and a burst of twice the limit gets through. Attempts are logged under an id so that one
 * which succeeded can be taken back out (only failures count). In memory for a single process; through
 * Redis when REDIS_URL is set, so every replica sees the same counts; when Redis fails the API answers
 * 503 rather than letting attempts through uncounted.
 */
export abstract class AttemptWindows {
  /** Logs attempt `id` under `key` unless `limit` attempts already fall within the last `windowMs`. */
  abstract hit(key: string, id: string, windowMs: number, limit: number): Promise<WindowHit>;
  /** How many attempts under `key` fall within the last `windowMs`. */
  abstract count(key: string, windowMs: number): Promise<number>;
  /** Takes attempt `id` back out of `key`'s log (it succeeded). */
  abstract forget(key: string, id: string): Promise<void>;
  /** True the first time `key` is claimed within `ttlMs`, false on any later claim (a replay). */
  abstract claimOnce(key: string, ttlMs: number): Promise<boolean>;

  /** Shares the throttler's Redis connection when it has one; in memory otherwise (and in the worker). */
  static over(storage: ThrottlerStorage | null | undefined): AttemptWindows {
    return storage instanceof RedisThrottlerStorage
      ? new RedisAttemptWindows(storage.client)
      : new MemoryAttemptWindows();
  }
}

const unavailable = () =>
  new DependencyUnavailableError('The rate-limit store is unavailable; try again shortly.');

export class MemoryAttemptWindows extends AttemptWindows {
  private readonly logs = new Map<string, { windowMs: number; attempts: { id: string; at: number }[] }>();
  private readonly claims = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  /** Drops what has aged out everywhere, at most once a minute, so idle keys do not pile up. */
  private sweep(now: number): void {
    if (now - this.sweptAt < MINUTE) return;
    this.sweptAt = now;
    for (const [key, log] of this.logs) {
      log.attempts = log.attempts.filter((a) => a.at > now - log.windowMs);
      if (!log.attempts.length) this.logs.delete(key);
    }
    for (const [key, until] of this.claims) if (until <= now) this.claims.delete(key);
  }

  hit(key: string, id: string, windowMs: number, limit: number): Promise<WindowHit> {
    const now = this.now();
    this.sweep(now);
    const log = this.logs.get(key) ?? { windowMs, attempts: [] };
    log.windowMs = Math.max(log.windowMs, windowMs);
    log.attempts = log.attempts.filter((a) => a.at > now - windowMs);
    this.logs.set(key, log);
    const n = log.attempts.length;
    if (n >= limit) {
      const freeing = log.attempts[n - limit]!.at;
      return Promise.resolve({ allowed: false, count: n, retryAfterMs: freeing + windowMs - now });
    }
    log.attempts.push({ id, at: now });
    return Promise.resolve({ allowed: true, count: n + 1, retryAfterMs: 0 });
  }

  count(key: string, windowMs: number): Promise<number> {
    const since = this.now() - windowMs;
    return Promise.resolve(this.logs.get(key)?.attempts.filter((a) => a.at > since).length ?? 0);
  }

  forget(key: string, id: string): Promise<void> {
    const log = this.logs.get(key);
    if (log) log.attempts = log.attempts.filter((a) => a.id !== id);
    return Promise.resolve();
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    this.sweep(now);
    const until = this.claims.get(key);
    if (until !== undefined && until > now) return Promise.resolve(false);
    this.claims.set(key, now + ttlMs);
    return Promise.resolve(true);
  }
}

/**
 * One sorted set per key: members are attempt ids, scores their times. The script prunes, counts and adds
 * in one step, so concurrent attempts on any replica cannot both take the last place.
 */
const HIT_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n >= limit then
  local freeing = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
  return {0, n, tonumber(freeing[2]) + window - now}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return {1, n + 1, 0}
`;

class RedisAttemptWindows extends AttemptWindows {
  private static readonly PREFIX = 'shala:attempts:';

  constructor(private readonly redis: ThrottlerStorageRedisService['redis']) {
    super();
  }

  async hit(key: string, id: string, windowMs: number, limit: number): Promise<WindowHit> {
    try {
      const [allowed, count, retryAfterMs] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        RedisAttemptWindows.PREFIX + key,
        Date.now(),
        windowMs,
        limit,
        id,
      )) as [number, number, number];
      return { allowed: allowed === 1, count, retryAfterMs };
    } catch {
      throw unavailable();
    }
  }

  async count(key: string, windowMs: number): Promise<number> {
    try {
      return await this.redis.zcount(RedisAttemptWindows.PREFIX + key, `(${Date.now() - windowMs}`, '+inf');
    } catch {
      throw unavailable();
    }
  }

  async forget(key: string, id: string): Promise<void> {
    try {
      await this.redis.zrem(RedisAttemptWindows.PREFIX + key, id);
    } catch {
      throw unavailable();
    }
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    try {
      return (
        (await this.redis.set(RedisAttemptWindows.PREFIX + key, '1', 'PX', Math.max(1, ttlMs), 'NX')) === 'OK'
      );
    } catch {
      throw unavailable();
    }
  }
}

/** One named throttler as it applies to one route: its options and the route's overrides, looked up once. */
interface ThrottlerStep {
  throttler: ThrottlerOptions;
  /** @SkipThrottle for this throttler on the route or its controller. */
  skip: boolean;
  skipIf: ThrottlerOptions['skipIf'];
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  blockDuration: Resolvable<number> | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

type Handler = ReturnType<ExecutionContext['getHandler']>;
type ControllerClass = ReturnType<ExecutionContext['getClass']>;

/** A limit, window or block: a number, or a function of the request's context (the credential limits). */
function resolved(value: Resolvable<number>, context: ExecutionContext): number | Promise<number> {
  return typeof value === 'function' ? value(context) : value;
}

function toNumber(value: unknown, option: string, throttler: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n))
    throw new Error(
      `Invalid "${option}" for the "${throttler}" throttler: expected a number, got ${JSON.stringify(value)}.`,
    );
  return n;
}

/**
 * Answers 429 in the envelope with a plain Retry-After header (AUT-07).
 *
 * Each request is counted as @nestjs/throttler's guard counts it (the same throttlers in the same order,
 * limits, windows, blocks, trackers and keys), but a route's plan (its @SkipThrottle and @Throttle
 * metadata for each named throttler) is looked up once per route instead of about fifteen metadata
 * reads per request, and a number that needs no resolving is not awaited (issue 18).
 */
@Injectable()
export class ShalaThrottlerGuard extends ThrottlerGuard {
  private readonly plans = new WeakMap<Handler, WeakMap<ControllerClass, ThrottlerStep[]>>();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const step of this.planFor(context.getHandler(), context.getClass())) {
      if (step.skip || step.skipIf?.(context)) continue;
      const name = step.throttler.name!;
      const limit = resolved(step.limit, context);
      const ttl = toNumber(await resolved(step.ttl, context), 'ttl', name);
      const block = step.blockDuration === undefined ? ttl : resolved(step.blockDuration, context);
      await this.handleRequest({
        context,
        limit: toNumber(typeof limit === 'number' ? limit : await limit, 'limit', name),
        ttl,
        throttler: step.throttler,
        blockDuration: toNumber(typeof block === 'number' ? block : await block, 'blockDuration', name),
        getTracker: step.getTracker,
        generateKey: step.generateKey,
      });
    }
    return true;
  }

  private planFor(handler: Handler, classRef: ControllerClass): ThrottlerStep[] {
    let byClass = this.plans.get(handler);
    if (!byClass) {
      byClass = new WeakMap();
      this.plans.set(handler, byClass);
    }
    let plan = byClass.get(classRef);
    if (!plan) {
      plan = this.throttlers.map((throttler) => this.stepOf(throttler, [handler, classRef]));
      byClass.set(classRef, plan);
    }
    return plan;
  }

  /** What @nestjs/throttler's guard reads for this throttler on every request, read once. */
  private stepOf(throttler: ThrottlerOptions, targets: [Handler, ControllerClass]): ThrottlerStep {
    const name = throttler.name!;
    const meta = <T>(prefix: string) =>
      this.reflector.getAllAndOverride<T | undefined>(prefix + name, targets);
    return {
      throttler,
      skip: Boolean(meta<boolean>(THROTTLER_SKIP)),
      skipIf: throttler.skipIf ?? this.commonOptions.skipIf,
      limit: meta<Resolvable<number>>(THROTTLER_LIMIT) ?? throttler.limit,
      ttl: meta<Resolvable<number>>(THROTTLER_TTL) ?? throttler.ttl,
      blockDuration: meta<Resolvable<number>>(THROTTLER_BLOCK_DURATION) ?? throttler.blockDuration,
      getTracker:
        meta<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER) ??
        throttler.getTracker ??
        this.commonOptions.getTracker!,
      generateKey:
        meta<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR) ??
        throttler.generateKey ??
        this.commonOptions.generateKey!,
    };
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
    throw new ThrottledError(seconds);
  }
}
