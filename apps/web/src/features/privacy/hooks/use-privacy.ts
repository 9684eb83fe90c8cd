import type { CreatePrivacyRequest, PrivacyRequestTransition } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  createRequest,
  downloadArchive,
  fetchArchive,
  fetchRecordsOfProcessing,
  fetchRequests,
  fetchSubProcessors,
  type PrivacyListFilter,
  type PrivacyScope,
  privacyKeys,
  startArchive,
  transitionRequest,
} from '../api/privacy.api';

/** How often a running archive's progress is asked for. */
export const ARCHIVE_POLL_MS = 1500;

export function usePrivacyRequests(scope: PrivacyScope, filter: PrivacyListFilter) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: privacyKeys.list(institutionId, scope, filter),
    queryFn: ({ signal }) => fetchRequests(scope, filter, signal),
  });
}

export function useCreatePrivacyRequest(scope: PrivacyScope) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePrivacyRequest) => createRequest(scope, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.all(institutionId) }),
  });
}

export function useTransitionPrivacyRequest() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: PrivacyRequestTransition & { id: string }) => transitionRequest(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.all(institutionId) }),
  });
}

/** The archive's progress, asked again while it is being made. */
export function usePrivacyArchive(scope: PrivacyScope, id: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: privacyKeys.archive(institutionId, scope, id),
    queryFn: ({ signal }) => fetchArchive(scope, id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? ARCHIVE_POLL_MS : false),
    retry: false,
  });
}

export function useStartArchive(scope: PrivacyScope, id: string) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startArchive(scope, id),
    onSuccess: (view) => queryClient.setQueryData(privacyKeys.archive(institutionId, scope, id), view),
  });
}

export function useDownloadArchive(scope: PrivacyScope, id: string) {
  return useMutation({
    mutationFn: () => downloadArchive(scope, id),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}

export function useSubProcessors(enabled: boolean) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: privacyKeys.subProcessors(institutionId),
    queryFn: ({ signal }) => fetchSubProcessors(signal),
    enabled,
  });
}

export function useRecordsOfProcessing(enabled: boolean) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: privacyKeys.records(institutionId),
    queryFn: ({ signal }) => fetchRecordsOfProcessing(signal),
    enabled,
  });
}
