import { z } from 'zod';
import { ConfigError } from '../config/app-config';

/**
 * Where the internal Prometheus listener binds (AUD-05). Read here from the environment until the central
 * config schema takes these variables over. Port 0 switches the listener off.
 */
export interface MetricsConfig {
  port: number;
  host: string;
}

export const DEFAULT_METRICS_PORT = 9464;
export const DEFAULT_METRICS_HOST = '127.0.0.1';

const metricsEnvSchema = z.object({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_METRICS_PORT),
  METRICS_HOST: z
    .string()
    .trim()
    .min(1)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or an IP address')
    .default(DEFAULT_METRICS_HOST),
});

/** Validates METRICS_PORT and METRICS_HOST; throws a ConfigError naming every problem. */
export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = metricsEnvSchema.safeParse({
    METRICS_PORT: blankToUndefined(env.METRICS_PORT),
    METRICS_HOST: blankToUndefined(env.METRICS_HOST),
  });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return { port: parsed.data.METRICS_PORT, host: parsed.data.METRICS_HOST };
}

/** Nest injection token for MetricsConfig. */
export const METRICS_CONFIG = Symbol('METRICS_CONFIG');
