import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth.api';
import { authKeys } from '../api/auth.keys';
import { useSession } from './session-context';

/** GET /api/v1/me for the current session. */
export function useMe() {
  const { generation, isAuthenticated } = useSession();
  return useQuery({
    queryKey: authKeys.me(generation),
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: isAuthenticated,
    staleTime: 60_000,
  });
}
