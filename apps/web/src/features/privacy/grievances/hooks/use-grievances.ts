import type { AnswerGrievance, CreateGrievance, UpdateGrievanceOfficer } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import {
  answerGrievance,
  fetchGrievanceOfficer,
  fetchGrievances,
  type GrievanceListFilter,
  type GrievanceScope,
  grievanceKeys,
  raiseGrievance,
  updateGrievanceOfficer,
} from '../api/grievances.api';

export function useGrievances(scope: GrievanceScope, filter: GrievanceListFilter) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: grievanceKeys.list(institutionId, scope, filter),
    queryFn: ({ signal }) => fetchGrievances(scope, filter, signal),
  });
}

export function useRaiseGrievance() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateGrievance) => raiseGrievance(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: grievanceKeys.all(institutionId) }),
  });
}

export function useAnswerGrievance() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AnswerGrievance & { id: string }) => answerGrievance(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: grievanceKeys.all(institutionId) }),
  });
}

export function useGrievanceOfficer(scope: GrievanceScope) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: grievanceKeys.officer(institutionId, scope),
    queryFn: ({ signal }) => fetchGrievanceOfficer(scope, signal),
  });
}

export function useUpdateGrievanceOfficer() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateGrievanceOfficer) => updateGrievanceOfficer(body),
    onSuccess: (view) => {
      queryClient.setQueryData(grievanceKeys.officer(institutionId, 'grievances'), view);
      return queryClient.invalidateQueries({ queryKey: grievanceKeys.all(institutionId) });
    },
  });
}
