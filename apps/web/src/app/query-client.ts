import { QueryClient } from '@tanstack/react-query';
import { errorStatus } from './api/errors';

/** Retrying a 4xx cannot help (and a 429 must wait for Retry-After); network errors and 5xx get two more tries. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = errorStatus(error);
  if (status !== null && status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
