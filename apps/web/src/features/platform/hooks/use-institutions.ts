import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  fetchAdminInvitations,
  fetchInstitutions,
  platformKeys,
  provisionInstitution,
  resendAdminInvitation,
  revokeAdminInvitation,
  setInstitutionStatus,
} from '../api/platform.api';

/** GET /api/v1/platform/institutions */
export function useInstitutions() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: platformKeys.institutions(institutionId),
    queryFn: ({ signal }) => fetchInstitutions(signal),
  });
}

function usePlatformMutation<Variables, Result>(
  name: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['platform', name],
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: platformKeys.institutions(institutionId) }),
  });
}

export const useProvisionInstitution = () => usePlatformMutation('provision', provisionInstitution);
export const useSetInstitutionStatus = () => usePlatformMutation('set-status', setInstitutionStatus);

/** GET /api/v1/platform/institutions/:id/admin-invitations (only while `schoolId` is set). */
export function useAdminInvitations(schoolId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: platformKeys.adminInvitations(institutionId, schoolId ?? ''),
    queryFn: ({ signal }) => fetchAdminInvitations(schoolId!, signal),
    enabled: schoolId !== null,
  });
}

function useAdminInvitationMutation(
  name: string,
  mutationFn: typeof resendAdminInvitation | typeof revokeAdminInvitation,
) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['platform', name],
    mutationFn,
    onSuccess: (_result, { schoolId }) =>
      queryClient.invalidateQueries({ queryKey: platformKeys.adminInvitations(institutionId, schoolId) }),
  });
}

export const useResendAdminInvitation = () =>
  useAdminInvitationMutation('resend-admin-invitation', resendAdminInvitation);
export const useRevokeAdminInvitation = () =>
  useAdminInvitationMutation('revoke-admin-invitation', revokeAdminInvitation);
