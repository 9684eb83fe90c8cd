import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InviteUserRequest } from '@shala/contracts';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { inviteUser } from '../../users/api/users.api';
import { usersKeys } from '../../users/api/users.api';
import { linkGuardianAccount, linkStudentAccount } from '../api/accounts.api';
import { studentsKeys } from '../api/students.api';

/** A mutation on a student's or guardian's account: refreshes students and users when done. */
function useAccountMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: studentsKeys.all(institutionId) }),
        queryClient.invalidateQueries({ queryKey: usersKeys.all(institutionId) }),
      ]);
    },
  });
}

/** POST users/invitations with guardianId or studentId: the account is created, linked and invited. */
export const useCreateLinkedAccount = () =>
  useAccountMutation((request: InviteUserRequest) => inviteUser(request));
export const useLinkGuardianAccount = () => useAccountMutation(linkGuardianAccount);
export const useLinkStudentAccount = () => useAccountMutation(linkStudentAccount);
