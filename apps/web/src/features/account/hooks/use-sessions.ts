import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { accountKeys, fetchSessions, revokeSession, signOutEverywhere } from '../api/account.api';

/** GET /api/v1/auth/sessions */
export function useSessions() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: accountKeys.sessions(institutionId),
    queryFn: ({ signal }) => fetchSessions(signal),
  });
}

/** DELETE /api/v1/auth/sessions/:id, then the list again. */
export function useRevokeSession() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['account', 'sessions', 'revoke'],
    mutationFn: revokeSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions(institutionId) }),
  });
}

/** POST /api/v1/auth/sessions/revoke-all; this tab is signed out too. */
export function useSignOutEverywhere() {
  return useMutation({ mutationKey: ['account', 'sessions', 'revoke-all'], mutationFn: signOutEverywhere });
}
