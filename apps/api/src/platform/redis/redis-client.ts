import Redis, { RedisOptions } from 'ioredis';
import type { RedisTimeouts } from '../config/app-config';

export const DEFAULT_REDIS_TIMEOUTS: RedisTimeouts = { commandTimeoutMs: 2000, connectTimeoutMs: 3000 };

/** The longest pause between reconnection attempts: Redis coming back is noticed within this. */
export const REDIS_RECONNECT_MAX_DELAY_MS = 2000;

let bootTimeouts: RedisTimeouts = DEFAULT_REDIS_TIMEOUTS;

/**
 * Sets the timeouts of clients built without the config at hand (the rate-limit store receives only the
 * URL). Called once at boot by the config module, before any client is built.
 */
export function useRedisTimeouts(timeouts: RedisTimeouts): void {
  bootTimeouts = timeouts;
}

/**
 * Options every Redis client of the API uses, so a dead or frozen Redis fails a request within seconds
 * instead of hanging it: a command unanswered after `commandTimeoutMs` rejects; a connection attempt
 * gives up after `connectTimeoutMs`; nothing queues while disconnected (commands fail at once); one retry
 * per command across a reconnect; reconnection keeps trying, backing off to at most 2 s between attempts.
 */
export function redisOptions(timeouts: RedisTimeouts = bootTimeouts, lazyConnect = false): RedisOptions {
  return {
    lazyConnect,
    commandTimeout: timeouts.commandTimeoutMs,
    connectTimeout: timeouts.connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt: number) =>
      Math.min(100 * 2 ** Math.min(attempt, 5), REDIS_RECONNECT_MAX_DELAY_MS),
  };
}

/** A client with `redisOptions`; connection errors are reported through failing commands, not events. */
export function createRedisClient(
  url: string,
  timeouts: RedisTimeouts = bootTimeouts,
  { lazyConnect = false } = {},
): Redis {
  const client = new Redis(url, redisOptions(timeouts, lazyConnect));
  client.on('error', () => undefined);
  return client;
}

const UNAVAILABLE_MESSAGES = [
  'Command timed out',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection is closed.',
  'Reached the max retries per request limit',
];

/** An ioredis failure that means Redis is down or frozen (not a command's own error reply). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return UNAVAILABLE_MESSAGES.some((m) => error.message.startsWith(m));
}
