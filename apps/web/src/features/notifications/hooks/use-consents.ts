import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { changeMyConsents, consentKeys, fetchMyConsents, type ConsentChange } from '../api/consents.api';

export function useMyConsents(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: consentKeys.mine(institutionId),
    queryFn: ({ signal }) => fetchMyConsents(signal),
    enabled,
  });
}

export function useChangeMyConsents() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ guardianId, changes }: { guardianId: string; changes: ConsentChange[] }) =>
      changeMyConsents(guardianId, changes),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consentKeys.mine(institutionId) }),
  });
}
