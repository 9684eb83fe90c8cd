import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  fetchInstitutions,
  platformKeys,
  provisionInstitution,
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
