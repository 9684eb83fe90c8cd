import type { AddIncidentEvent, CloseIncident, CreateIncident, IncidentView } from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

/** A school's register (`privacy`) or the operator's (`platform`). */
export type IncidentScope = 'privacy' | 'platform';

export const incidentKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy', 'incidents'),
  list: (institutionId: string, scope: IncidentScope) =>
    tenantKey(institutionId, 'privacy', 'incidents', scope, 'list'),
};

const base = (scope: IncidentScope) => `/v1/${scope}/incidents`;

export async function fetchIncidents(scope: IncidentScope, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: IncidentView[] }>(base(scope), { signal });
  return data.items;
}

export async function createIncident(scope: IncidentScope, body: CreateIncident) {
  const { data } = await apiClient.post<IncidentView>(base(scope), body);
  return data;
}

export async function addIncidentEvent(scope: IncidentScope, id: string, body: AddIncidentEvent) {
  const { data } = await apiClient.post<IncidentView>(
    `${base(scope)}/${encodeURIComponent(id)}/events`,
    body,
  );
  return data;
}

export async function closeIncident(scope: IncidentScope, id: string, body: CloseIncident) {
  const { data } = await apiClient.post<IncidentView>(`${base(scope)}/${encodeURIComponent(id)}/close`, body);
  return data;
}
