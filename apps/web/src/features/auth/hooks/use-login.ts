import type { LoginRequest } from '@shala/contracts';
import { useMutation } from '@tanstack/react-query';
import { login, type LoginProgress } from '../api/auth.api';

/**
 * POST /api/v1/auth/login: signs in, or says which MFA step comes next. `progress` hears when the browser
 * is busy with a proof-of-work check the API asked for (AUT-07).
 */
export function useLogin(progress: LoginProgress = {}) {
  return useMutation({
    mutationKey: ['auth', 'login'],
    mutationFn: (request: LoginRequest) => login(request, progress),
  });
}
