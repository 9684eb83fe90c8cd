import type { UpdateRetentionPolicy } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import {
  fetchRetentionPolicy,
  fetchRetentionRuns,
  retentionKeys,
  updateRetentionPolicy,
} from '../api/retention.api';

export function useRetentionPolicy() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: retentionKeys.policy(institutionId),
    queryFn: ({ signal }) => fetchRetentionPolicy(signal),
  });
}

export function useRetentionRuns() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: retentionKeys.runs(institutionId),
    queryFn: ({ signal }) => fetchRetentionRuns(signal),
  });
}

export function useUpdateRetentionPolicy() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRetentionPolicy) => updateRetentionPolicy(body),
    onSuccess: (view) => queryClient.setQueryData(retentionKeys.policy(institutionId), view),
  });
}
