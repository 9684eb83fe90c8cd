import { useMutation } from '@tanstack/react-query';
import { logout } from '../api/auth.api';

/** POST /api/v1/auth/logout; the local session ends even when the request fails. */
export function useLogout() {
  return useMutation({ mutationKey: ['auth', 'logout'], mutationFn: logout });
}
