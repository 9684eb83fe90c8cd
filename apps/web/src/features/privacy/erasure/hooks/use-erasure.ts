import type { ScheduleErasure } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import { tenantKey } from '../../../../app/query-keys';
import { privacyKeys } from '../../api/privacy.api';
import {
  cancelErasure,
  completeCorrection,
  erasureKeys,
  executeErasure,
  fetchErasure,
  fetchRestriction,
  scheduleErasure,
  setRestriction,
} from '../api/erasure.api';

/** `enabled` false where none can exist yet (an open request): nothing is asked, the answer is no erasure. */
export function useErasure(requestId: string, enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: erasureKeys.erasure(institutionId, requestId),
    queryFn: ({ signal }) => fetchErasure(requestId, signal),
    enabled,
  });
}

export function useScheduleErasure(requestId: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleErasure) => scheduleErasure(requestId, body),
    onSuccess: (view) => queryClient.setQueryData(erasureKeys.erasure(institutionId, requestId), view),
  });
}

export function useCancelErasure(requestId: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelErasure(requestId),
    onSuccess: (view) => queryClient.setQueryData(erasureKeys.erasure(institutionId, requestId), view),
  });
}

/** Erases now; the request completes and every list naming the subject changes. */
export function useExecuteErasure(requestId: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => executeErasure(requestId),
    onSuccess: async (view) => {
      queryClient.setQueryData(erasureKeys.erasure(institutionId, requestId), view);
      await queryClient.invalidateQueries({ queryKey: tenantKey(institutionId) });
    },
  });
}

export function useRestriction(requestId: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: erasureKeys.restriction(institutionId, requestId),
    queryFn: ({ signal }) => fetchRestriction(requestId, signal),
  });
}

export function useSetRestriction(requestId: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (restricted: boolean) => setRestriction(requestId, restricted),
    onSuccess: async (view) => {
      queryClient.setQueryData(erasureKeys.restriction(institutionId, requestId), view);
      await queryClient.invalidateQueries({ queryKey: privacyKeys.all(institutionId) });
    },
  });
}

export function useCompleteCorrection(requestId: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => completeCorrection(requestId, note),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.all(institutionId) }),
  });
}
