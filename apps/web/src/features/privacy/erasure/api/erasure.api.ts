import type {
  PrivacyErasureView,
  PrivacyRequestView,
  PrivacyRestrictionView,
  ScheduleErasure,
} from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

export const erasureKeys = {
  erasure: (institutionId: string, requestId: string) =>
    tenantKey(institutionId, 'privacy', 'requests', 'erasure', requestId),
  restriction: (institutionId: string, requestId: string) =>
    tenantKey(institutionId, 'privacy', 'requests', 'restriction', requestId),
};

const of = (id: string) => `/v1/privacy/requests/${encodeURIComponent(id)}`;

/** The request's erasure, or null before one is scheduled (404). */
export async function fetchErasure(id: string, signal?: AbortSignal): Promise<PrivacyErasureView | null> {
  const res = await apiClient.get<PrivacyErasureView>(`${of(id)}/erasure`, {
    signal,
    validateStatus: (s) => s === 200 || s === 404,
  });
  return res.status === 404 ? null : res.data;
}

export async function scheduleErasure(id: string, body: ScheduleErasure) {
  const { data } = await apiClient.post<PrivacyErasureView>(`${of(id)}/erasure`, body);
  return data;
}

export async function cancelErasure(id: string) {
  const { data } = await apiClient.post<PrivacyErasureView>(`${of(id)}/erasure/cancel`, {});
  return data;
}

/** Runs a scheduled erasure whose notice has run out (the API answers 409 before). */
export async function executeErasure(id: string) {
  const { data } = await apiClient.post<PrivacyErasureView>(`${of(id)}/erasure/execute`, {});
  return data;
}

export async function fetchRestriction(id: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<PrivacyRestrictionView>(`${of(id)}/restriction`, { signal });
  return data;
}

export async function setRestriction(id: string, restricted: boolean) {
  const { data } = await apiClient.post<PrivacyRestrictionView>(
    `${of(id)}/restriction${restricted ? '' : '/lift'}`,
    {},
  );
  return data;
}

export async function completeCorrection(id: string, note: string) {
  const { data } = await apiClient.post<PrivacyRequestView>(`${of(id)}/correction`, { note });
  return data;
}
