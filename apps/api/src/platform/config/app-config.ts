import { isAbsolute, resolve } from 'node:path';
import { DEMO_SECRETS, RawConfig, SECRET_NAMES, SecretName, rawConfigSchema } from './config.schema';

export type AppEnv = RawConfig['APP_ENV'];

export type DatabaseConfig =
  { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string; poolSize: number; socketPath?: string };

/** The validated, typed configuration the whole app reads. Built once at boot; never from process.env later. */
export interface AppConfig {
  env: AppEnv;
  /** Production-like profiles (staging, production) refuse demo secrets and demo data. */
  isProductionLike: boolean;
  host: string;
  port: number;
  database: DatabaseConfig & DatabaseTimeouts & { connectRetries: number; connectRetryDelayMs: number };
  redisUrl: string | null;
  /** Bounds on every Redis client (session cache, rate-limit store, readiness). */
  redisTimeouts: RedisTimeouts;
  secrets: Record<SecretName, string>;
  demoMode: boolean;
  logLevel: RawConfig['LOG_LEVEL'];
  webDist: string | null;
  bodyLimitBytes: number;
  trustProxy: boolean | string[];
  corsOrigins: string[];
  openApiEnabled: boolean;
  /** Test-mode guard failing any statement on a tenant table without a tenant predicate (TEN-03). */
  sqlGuard: boolean;
  shutdownGraceMs: number;
  session: { idleMinutes: number; absoluteHours: number };
  /** Requests per minute each signed-in user (or anonymous IP) may make to the API. */
  apiRateLimitPerMinute: number;
  /** Where users open the app; links in emails point here. */
  publicUrl: string;
  notifications: NotificationsConfig;
  /** Installation defaults of the retention policy (PRV-04); a school may override them within bounds. */
  retention: { processingLogDays: number };
}

/** How long a request may wait on the database before it answers 503 instead of hanging. */
export interface DatabaseTimeouts {
  /** A statement's answer (MySQL per query; SQLite's busy_timeout on a locked file); 0 = no limit. */
  queryTimeoutMs: number;
  /** A pooled connection, or a new connection's handshake (MySQL). */
  acquireTimeoutMs: number;
}

export interface RedisTimeouts {
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

/** Message delivery (issue 7): provider endpoints, the outbox worker and retention (PRV-04). */
export interface NotificationsConfig {
  /** smtp(s)://user:pass@host:port, or null when email is not configured (email messages then go dead). */
  smtpUrl: string | null;
  /** Default From of emails; an institution may set its own name and address. */
  smtpFrom: string;
  smsGatewayUrl: string | null;
  whatsappApiUrl: string;
  whatsappApiVersion: string;
  /** Run the outbox worker inside the API process (the embedded default). */
  workerInProcess: boolean;
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseDatabase(url: string, poolSize: number, cwd: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    if (!path)
      throw new ConfigError(['DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/shala.sqlite']);
    return { kind: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  return { kind: 'mysql', poolSize, ...mysqlTarget(url.replace(/^mariadb:/, 'mysql:')) };
}

/**
 * `?socket=/run/mysqld/mysqld.sock` on a MySQL URL connects over that Unix socket instead of TCP (a
 * database on the same host: a round trip then costs about a third). The URL keeps user and database.
 */
function mysqlTarget(url: string): { url: string; socketPath?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(['DATABASE_URL: not a valid URL, e.g. mysql://user:password@host:3306/shala']);
  }
  const socketPath = parsed.searchParams.get('socket');
  if (socketPath === null) return { url };
  if (!isAbsolute(socketPath))
    throw new ConfigError(['DATABASE_URL: socket= needs an absolute path, e.g. /run/mysqld/mysqld.sock']);
  parsed.searchParams.delete('socket');
  return { url: parsed.toString().replace(/\?$/, ''), socketPath };
}

/**
 * Validates the environment and builds the config, or throws a ConfigError listing every problem.
 * DAT-05: staging and production refuse missing or demo secrets and refuse demo mode.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  // An empty variable is an unset one: docker compose passes `${X:-}` as an empty string.
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = rawConfigSchema.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const isProductionLike = raw.APP_ENV === 'production' || raw.APP_ENV === 'staging';
  const problems: string[] = [];

  const secrets = {} as Record<SecretName, string>;
  for (const name of SECRET_NAMES) {
    const value = raw[name];
    if (isProductionLike) {
      if (!value) problems.push(`${name}: required in ${raw.APP_ENV}`);
      else if (value === DEMO_SECRETS[name])
        problems.push(`${name}: the demo value is refused in ${raw.APP_ENV}`);
    }
    secrets[name] = value ?? DEMO_SECRETS[name];
  }
  const demoMode = raw.DEMO_MODE ?? !isProductionLike;
  if (isProductionLike && demoMode) problems.push(`DEMO_MODE: demo data is refused in ${raw.APP_ENV}`);
  if (isProductionLike && !raw.PUBLIC_URL)
    problems.push(`PUBLIC_URL: required in ${raw.APP_ENV} (links in emails point there)`);

  let database: DatabaseConfig | undefined;
  try {
    database = parseDatabase(raw.DATABASE_URL, raw.DB_POOL_SIZE, cwd);
  } catch (e) {
    if (e instanceof ConfigError) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0 || !database) throw new ConfigError(problems);

  const trust = raw.TRUST_PROXY?.trim();
  return {
    env: raw.APP_ENV,
    isProductionLike,
    host: raw.HOST ?? (isProductionLike ? '0.0.0.0' : '127.0.0.1'),
    port: raw.PORT,
    database: {
      ...database,
      connectRetries: raw.DB_CONNECT_RETRIES,
      connectRetryDelayMs: raw.DB_CONNECT_RETRY_DELAY_MS,
      queryTimeoutMs: raw.DB_QUERY_TIMEOUT_MS,
      acquireTimeoutMs: raw.DB_ACQUIRE_TIMEOUT_MS,
    },
    redisUrl: raw.REDIS_URL ?? null,
    redisTimeouts: {
      commandTimeoutMs: raw.REDIS_COMMAND_TIMEOUT_MS,
      connectTimeoutMs: raw.REDIS_CONNECT_TIMEOUT_MS,
    },
    secrets,
    demoMode,
    logLevel: raw.LOG_LEVEL,
    webDist: raw.WEB_DIST ? resolve(cwd, raw.WEB_DIST) : null,
    bodyLimitBytes: raw.BODY_LIMIT_BYTES,
    trustProxy:
      !trust || trust === 'false' ? false : trust === 'true' ? true : trust.split(',').map((s) => s.trim()),
    corsOrigins: raw.CORS_ORIGINS
      ? raw.CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    openApiEnabled: raw.OPENAPI_ENABLED ?? !isProductionLike,
    sqlGuard: raw.SQL_GUARD ?? raw.APP_ENV === 'test',
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    session: { idleMinutes: raw.SESSION_IDLE_MINUTES, absoluteHours: raw.SESSION_ABSOLUTE_HOURS },
    apiRateLimitPerMinute: raw.API_RATE_LIMIT_PER_MINUTE,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    notifications: {
      smtpUrl: raw.SMTP_URL ?? null,
      smtpFrom: raw.SMTP_FROM ?? 'Shala <no-reply@localhost>',
      smsGatewayUrl: raw.SMS_GATEWAY_URL ? raw.SMS_GATEWAY_URL.replace(/\/$/, '') : null,
      whatsappApiUrl: raw.WHATSAPP_API_URL.replace(/\/$/, ''),
      whatsappApiVersion: raw.WHATSAPP_API_VERSION,
      // Embedded default (SQLite): the worker runs in the API process; never in tests unless asked.
      workerInProcess: raw.WORKER_IN_PROCESS ?? (database.kind === 'sqlite' && raw.APP_ENV !== 'test'),
      pollMs: raw.NOTIFICATIONS_POLL_MS,
      maxAttempts: raw.NOTIFICATIONS_MAX_ATTEMPTS,
      retryBaseMs: raw.NOTIFICATIONS_RETRY_BASE_MS,
      retentionDays: raw.NOTIFICATIONS_RETENTION_DAYS,
    },
    retention: { processingLogDays: raw.PROCESSING_LOG_RETENTION_DAYS },
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
