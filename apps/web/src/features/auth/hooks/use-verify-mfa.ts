import { useMutation } from '@tanstack/react-query';
import { verifyMfa } from '../api/auth.api';

/** POST /api/v1/auth/mfa/verify with an authenticator code or a recovery code. */
export function useVerifyMfa() {
  return useMutation({ mutationKey: ['auth', 'mfa', 'verify'], mutationFn: verifyMfa });
}
