import { useMutation } from '@tanstack/react-query';
import { acceptInvitation } from '../api/auth.api';

/** POST /api/v1/auth/invitations/accept */
export function useAcceptInvitation() {
  return useMutation({ mutationKey: ['auth', 'invitations', 'accept'], mutationFn: acceptInvitation });
}
