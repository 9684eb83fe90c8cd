import { useMutation } from '@tanstack/react-query';
import { requestPasswordReset, resetPassword } from '../api/auth.api';

/** POST /api/v1/auth/password/reset-request */
export function useRequestPasswordReset() {
  return useMutation({
    mutationKey: ['auth', 'password', 'reset-request'],
    mutationFn: requestPasswordReset,
  });
}

/** POST /api/v1/auth/password/reset */
export function useResetPassword() {
  return useMutation({ mutationKey: ['auth', 'password', 'reset'], mutationFn: resetPassword });
}
