import type { RetentionPolicyView, RetentionRunView, UpdateRetentionPolicy } from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

export const retentionKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy', 'retention'),
  policy: (institutionId: string) => tenantKey(institutionId, 'privacy', 'retention', 'policy'),
  runs: (institutionId: string) => tenantKey(institutionId, 'privacy', 'retention', 'runs'),
};

export async function fetchRetentionPolicy(signal?: AbortSignal) {
  const { data } = await apiClient.get<RetentionPolicyView>('/v1/privacy/retention', { signal });
  return data;
}

export async function updateRetentionPolicy(body: UpdateRetentionPolicy) {
  const { data } = await apiClient.put<RetentionPolicyView>('/v1/privacy/retention', body);
  return data;
}

export async function fetchRetentionRuns(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: RetentionRunView[] }>('/v1/privacy/retention/runs', {
    signal,
  });
  return data.items;
}
