import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { TemplateContent, TemplateKind, TemplateView } from '@shala/contracts';

export const templateKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'notifications', 'templates'),
  kinds: (institutionId: string) => tenantKey(institutionId, 'notifications', 'template-kinds'),
};

const base = '/v1/notifications';

export async function fetchTemplateKinds(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: TemplateKind[] }>(`${base}/template-kinds`, { signal });
  return data.items;
}

export async function fetchTemplates(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: TemplateView[] }>(`${base}/templates`, { signal });
  return data.items;
}

export async function createTemplate(input: { name: string; language: string } & TemplateContent) {
  const { data } = await apiClient.post<TemplateView>(`${base}/templates`, input);
  return data;
}

export async function replaceTemplate({ id, ...content }: { id: string } & TemplateContent) {
  const { data } = await apiClient.put<TemplateView>(`${base}/templates/${encodeURIComponent(id)}`, content);
  return data;
}

export async function deleteTemplate(id: string) {
  await apiClient.delete(`${base}/templates/${encodeURIComponent(id)}`);
}
