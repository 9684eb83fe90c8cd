import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Permission, type InvitationStatus, type UserStatus } from '@shala/contracts';
import { useMemo } from 'react';
import { useCan, useInstitutionId } from '../../auth/hooks/current-user';
import {
  deactivateUser,
  fetchInvitationChannels,
  fetchInvitations,
  fetchUserDirectory,
  fetchUsers,
  inviteUser,
  reactivateUser,
  resendInvitation,
  resetUserMfa,
  revokeInvitation,
  setUserRoles,
  usersKeys,
} from '../api/users.api';

/** GET /api/v1/users, page after page ("Load more"). */
export function useUsers(status: UserStatus | null) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: usersKeys.list(institutionId, status),
    queryFn: ({ pageParam, signal }) => fetchUsers({ status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Users by id, for naming people elsewhere; empty for those without users.read. */
export function useUserDirectory() {
  const institutionId = useInstitutionId();
  const canRead = useCan(Permission.UsersRead);
  const query = useQuery({
    queryKey: usersKeys.directory(institutionId),
    queryFn: ({ signal }) => fetchUserDirectory(signal),
    enabled: canRead,
    staleTime: 5 * 60_000,
  });
  const users = useMemo(() => query.data?.items ?? [], [query.data]);
  const byId = useMemo(() => new Map(users.map((user) => [user.id, user] as const)), [users]);
  return { users, byId, isLoading: query.isLoading };
}

/** A users mutation that refreshes every users list of the institution when it is done. */
function useUsersMutation<Variables, Result>(
  name: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['users', name],
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all(institutionId) }),
  });
}

export const useInviteUser = () => useUsersMutation('invite', inviteUser);
export const useResendInvitation = () => useUsersMutation('resend-invitation', resendInvitation);
export const useDeactivateUser = () => useUsersMutation('deactivate', deactivateUser);
export const useReactivateUser = () => useUsersMutation('reactivate', reactivateUser);
export const useSetUserRoles = () => useUsersMutation('set-roles', setUserRoles);
export const useResetUserMfa = () => useUsersMutation('reset-mfa', resetUserMfa);
export const useRevokeInvitation = () => useUsersMutation('revoke-invitation', revokeInvitation);

/** GET /api/v1/users/invitations, page after page. */
export function useInvitations(status: InvitationStatus | null, enabled = true) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: usersKeys.invitations(institutionId, status),
    queryFn: ({ pageParam, signal }) => fetchInvitations({ status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** The invitation channels the school set up (email, SMS, WhatsApp) and whether each can send now. */
export function useInvitationChannels(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: usersKeys.channels(institutionId),
    queryFn: ({ signal }) => fetchInvitationChannels(signal),
    enabled,
    staleTime: 60_000,
  });
}
