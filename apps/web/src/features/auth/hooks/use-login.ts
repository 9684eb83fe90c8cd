import { useMutation } from '@tanstack/react-query';
import { login } from '../api/auth.api';

/** POST /api/v1/auth/login: signs in, or says which MFA step comes next. */
export function useLogin() {
  return useMutation({ mutationKey: ['auth', 'login'], mutationFn: login });
}
