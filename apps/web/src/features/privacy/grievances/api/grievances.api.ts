import type {
  AnswerGrievance,
  CreateGrievance,
  GrievanceOfficerView,
  GrievanceStatus,
  GrievanceView,
  UpdateGrievanceOfficer,
} from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

/** Staff routes (`grievances`) or a parent's own (`my-grievances`). */
export type GrievanceScope = 'grievances' | 'my-grievances';

export interface GrievanceListFilter {
  status?: GrievanceStatus;
  overdue?: boolean;
}

export const grievanceKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy', 'grievances'),
  list: (institutionId: string, scope: GrievanceScope, filter: GrievanceListFilter) =>
    tenantKey(institutionId, 'privacy', 'grievances', scope, 'list', filter),
  officer: (institutionId: string, scope: GrievanceScope) =>
    tenantKey(institutionId, 'privacy', 'grievances', scope, 'officer'),
};

export async function fetchGrievances(
  scope: GrievanceScope,
  filter: GrievanceListFilter,
  signal?: AbortSignal,
) {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status;
  if (filter.overdue) params.overdue = 'true';
  const { data } = await apiClient.get<{ items: GrievanceView[] }>(`/v1/privacy/${scope}`, {
    params,
    signal,
  });
  return data.items;
}

export async function raiseGrievance(body: CreateGrievance) {
  const { data } = await apiClient.post<GrievanceView>('/v1/privacy/my-grievances', body);
  return data;
}

export async function answerGrievance(id: string, body: AnswerGrievance) {
  const { data } = await apiClient.post<GrievanceView>(
    `/v1/privacy/grievances/${encodeURIComponent(id)}/answer`,
    body,
  );
  return data;
}

export async function fetchGrievanceOfficer(scope: GrievanceScope, signal?: AbortSignal) {
  const url = scope === 'grievances' ? '/v1/privacy/grievance-officer' : '/v1/privacy/my-grievances/officer';
  const { data } = await apiClient.get<GrievanceOfficerView>(url, { signal });
  return data;
}

export async function updateGrievanceOfficer(body: UpdateGrievanceOfficer) {
  const { data } = await apiClient.put<GrievanceOfficerView>('/v1/privacy/grievance-officer', body);
  return data;
}
