import type { HealthStatus } from '@shala/contracts';
import { apiClient } from '../../../app/api/client';

export const healthKeys = {
  ready: () => ['health', 'ready'] as const,
};

export class UnexpectedHealthAnswerError extends Error {
  constructor() {
    super('GET /api/health/ready gave an answer that is not a health status');
    this.name = 'UnexpectedHealthAnswerError';
  }
}

function isHealthStatus(value: unknown): value is HealthStatus {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<HealthStatus>;
  return (
    (candidate.status === 'ok' || candidate.status === 'unavailable') &&
    typeof candidate.checks === 'object' &&
    candidate.checks !== null
  );
}

/** GET /api/health/ready: 200 when the database (and Redis, when configured) answer, 503 otherwise. */
export async function fetchReadiness(signal?: AbortSignal): Promise<HealthStatus> {
  const response = await apiClient.get<unknown>('/health/ready', {
    signal,
    anonymous: true,
    skipAuthRefresh: true,
    validateStatus: (status) => status === 200 || status === 503,
  });
  if (isHealthStatus(response.data)) return response.data;
  if (response.status === 503) return { status: 'unavailable', checks: {} };
  throw new UnexpectedHealthAnswerError();
}
