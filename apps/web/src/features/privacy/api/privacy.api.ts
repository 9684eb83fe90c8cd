import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import type {
  CreatePrivacyRequest,
  PrivacyArchiveView,
  PrivacyRequestStatus,
  PrivacyRequestTransition,
  PrivacyRequestView,
  RecordsOfProcessingView,
  SubProcessorsView,
} from '@shala/contracts';

/** Staff routes (`requests`) or a parent's own (`my-requests`). */
export type PrivacyScope = 'requests' | 'my-requests';

export interface PrivacyListFilter {
  status?: PrivacyRequestStatus;
  overdue?: boolean;
}

export const privacyKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy'),
  list: (institutionId: string, scope: PrivacyScope, filter: PrivacyListFilter) =>
    tenantKey(institutionId, 'privacy', scope, 'list', filter),
  archive: (institutionId: string, scope: PrivacyScope, id: string) =>
    tenantKey(institutionId, 'privacy', scope, 'archive', id),
  subProcessors: (institutionId: string) => tenantKey(institutionId, 'privacy', 'sub-processors'),
  records: (institutionId: string) => tenantKey(institutionId, 'privacy', 'records-of-processing'),
};

const base = (scope: PrivacyScope) => `/v1/privacy/${scope}`;

export async function fetchRequests(scope: PrivacyScope, filter: PrivacyListFilter, signal?: AbortSignal) {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status;
  if (filter.overdue) params.overdue = 'true';
  const { data } = await apiClient.get<{ items: PrivacyRequestView[] }>(base(scope), { params, signal });
  return data.items;
}

export async function createRequest(scope: PrivacyScope, body: CreatePrivacyRequest) {
  const { data } = await apiClient.post<PrivacyRequestView>(base(scope), body);
  return data;
}

export async function transitionRequest(id: string, body: PrivacyRequestTransition) {
  const { data } = await apiClient.post<PrivacyRequestView>(
    `${base('requests')}/${encodeURIComponent(id)}/transitions`,
    body,
  );
  return data;
}

export async function fetchArchive(scope: PrivacyScope, id: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<PrivacyArchiveView>(
    `${base(scope)}/${encodeURIComponent(id)}/archive`,
    {
      signal,
    },
  );
  return data;
}

export async function startArchive(scope: PrivacyScope, id: string) {
  const { data } = await apiClient.post<PrivacyArchiveView>(
    `${base(scope)}/${encodeURIComponent(id)}/archive`,
    {},
  );
  return data;
}

export async function downloadArchive(scope: PrivacyScope, id: string) {
  const res = await apiClient.get<Blob>(`${base(scope)}/${encodeURIComponent(id)}/archive/download`, {
    responseType: 'blob',
  });
  return {
    blob: res.data,
    fileName: fileNameFromDisposition(res.headers['content-disposition']) ?? `privacy-archive-${id}.zip`,
  };
}

export async function fetchSubProcessors(signal?: AbortSignal) {
  const { data } = await apiClient.get<SubProcessorsView>('/v1/privacy/sub-processors', { signal });
  return data;
}

export async function fetchRecordsOfProcessing(signal?: AbortSignal) {
  const { data } = await apiClient.get<RecordsOfProcessingView>('/v1/privacy/records-of-processing', {
    signal,
  });
  return data;
}
