import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { accountKeys, changePassword } from '../api/account.api';

/** POST /api/v1/auth/password/change; the other sessions end, so the sessions list changes too. */
export function useChangePassword() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['account', 'password', 'change'],
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions(institutionId) }),
  });
}
