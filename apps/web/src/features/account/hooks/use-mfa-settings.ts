import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from '../../auth/api/auth.keys';
import { confirmMfaSetup, disableMfa, regenerateRecoveryCodes, startMfaSetup } from '../api/account.api';

/** MFA on or off changes /me (user.mfaEnabled). */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: authKeys.all });
}

/** POST /api/v1/auth/mfa/setup */
export function useStartMfaSetup() {
  return useMutation({ mutationKey: ['account', 'mfa', 'setup'], mutationFn: startMfaSetup });
}

/** POST /api/v1/auth/mfa/setup/confirm */
export function useConfirmMfaSetup() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationKey: ['account', 'mfa', 'setup', 'confirm'],
    mutationFn: confirmMfaSetup,
    onSuccess: refreshMe,
  });
}

/** POST /api/v1/auth/mfa/disable */
export function useDisableMfa() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationKey: ['account', 'mfa', 'disable'],
    mutationFn: disableMfa,
    onSuccess: refreshMe,
  });
}

/** POST /api/v1/auth/mfa/recovery-codes */
export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationKey: ['account', 'mfa', 'recovery-codes'],
    mutationFn: regenerateRecoveryCodes,
  });
}
