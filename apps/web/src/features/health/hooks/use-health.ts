import { useQuery } from '@tanstack/react-query';
import { fetchReadiness, healthKeys } from '../api/health.api';

/** The API's readiness, polled every 30 s while the page is visible. Not tenant data: one key for all. */
export function useHealth() {
  return useQuery({
    queryKey: healthKeys.ready(),
    queryFn: ({ signal }) => fetchReadiness(signal),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}
