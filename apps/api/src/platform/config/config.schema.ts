import { z } from 'zod';

/** Values that ship in the repository for development and tests; production refuses every one (DAT-05). */
export const DEMO_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  AUDIT_HMAC_KEY: 'dev-only-audit-hmac-key-change-me-0123456789',
  // 32 bytes of base64: "dev-only-master-key-change-me!!!"
  FIELD_ENCRYPTION_MASTER_KEY: 'ZGV2LW9ubHktbWFzdGVyLWtleS1jaGFuZ2UtbWUhISE=',
  PASSWORD_PEPPER: 'dev-only-password-pepper-change-me-0123456789',
} as const;

export type SecretName = keyof typeof DEMO_SECRETS;
export const SECRET_NAMES = Object.keys(DEMO_SECRETS) as SecretName[];

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const rawConfigSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'staging', 'production']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite:, mysql:// or mariadb://')
    .default('sqlite:./data/shala.sqlite'),
  DB_POOL_SIZE: int(1, 200).default(10),
  DB_CONNECT_RETRIES: int(0, 100).default(10),
  DB_CONNECT_RETRY_DELAY_MS: int(100, 60_000).default(3000),
  // A statement that has not answered by then fails (503); 0 switches the limit off (long CLI jobs).
  DB_QUERY_TIMEOUT_MS: int(0, 600_000)
    .refine((v) => v === 0 || v >= 100, 'must be 0 (no limit) or at least 100')
    .default(4000),
  // Waiting for a pooled connection (MySQL), and for a new one's handshake, gives up after this long.
  DB_ACQUIRE_TIMEOUT_MS: int(100, 120_000).default(3000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_COMMAND_TIMEOUT_MS: int(50, 60_000).default(2000),
  REDIS_CONNECT_TIMEOUT_MS: int(100, 120_000).default(3000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  FIELD_ENCRYPTION_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  PASSWORD_PEPPER: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_MODE: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().min(1).optional(),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024),
  TRUST_PROXY: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  OPENAPI_ENABLED: bool.optional(),
  SQL_GUARD: bool.optional(),
  SHUTDOWN_GRACE_MS: int(0, 120_000).default(10_000),
  /** The general per-user (per-IP when anonymous) API limit, requests per minute. */
  API_RATE_LIMIT_PER_MINUTE: int(10, 10_000_000).default(600),
  SESSION_IDLE_MINUTES: int(5, 60 * 24 * 30).default(12 * 60),
  SESSION_ABSOLUTE_HOURS: int(1, 24 * 90).default(7 * 24),
  PUBLIC_URL: z.string().url('must be the URL users open, e.g. https://erp.school.example').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://, e.g. smtp://user:pass@mail.example:587')
    .optional(),
  SMTP_FROM: z.string().min(3).max(320).optional(),
  SMS_GATEWAY_URL: z
    .string()
    .url('must be the SMS gateway base URL, e.g. https://sms.example/api')
    .optional(),
  WHATSAPP_API_URL: z
    .string()
    .url('must be a URL such as https://graph.facebook.com')
    .default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must be a Graph API version such as v21.0')
    .default('v21.0'),
  WORKER_IN_PROCESS: bool.optional(),
  NOTIFICATIONS_POLL_MS: int(10, 60_000).default(1000),
  NOTIFICATIONS_MAX_ATTEMPTS: int(1, 20).default(6),
  NOTIFICATIONS_RETRY_BASE_MS: int(10, 3_600_000).default(30_000),
  NOTIFICATIONS_RETENTION_DAYS: int(1, 3650).default(90),
  /** Logs of processing (ended sessions): the DPDP Rules 2025 floor is one year (PRV-04). */
  PROCESSING_LOG_RETENTION_DAYS: int(365, 3650).default(365),
});

export type RawConfig = z.infer<typeof rawConfigSchema>;
