import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { MessageDetail, MessageFilter, MessagePage, MessageView } from '@shala/contracts';

export const notificationsKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'notifications'),
  messages: (institutionId: string, filter: MessageFilter) =>
    tenantKey(institutionId, 'notifications', 'messages', filter),
  message: (institutionId: string, id: string) => tenantKey(institutionId, 'notifications', 'message', id),
  deadLetters: (institutionId: string) => tenantKey(institutionId, 'notifications', 'dead-letters'),
};

const base = '/v1/notifications';

function clean(filter: MessageFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => Boolean(value))) as Record<
    string,
    string
  >;
}

export async function fetchMessages(filter: MessageFilter, cursor: string | null, signal?: AbortSignal) {
  const { data } = await apiClient.get<MessagePage>(`${base}/messages`, {
    params: { ...clean(filter), ...(cursor ? { cursor } : {}) },
    signal,
  });
  return data;
}

export async function fetchMessage(id: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<MessageDetail>(`${base}/messages/${encodeURIComponent(id)}`, {
    signal,
  });
  return data;
}

export async function fetchDeadLetters(cursor: string | null, signal?: AbortSignal) {
  const { data } = await apiClient.get<MessagePage>(`${base}/dead-letters`, {
    params: cursor ? { cursor } : {},
    signal,
  });
  return data;
}

export async function retryMessage(id: string) {
  const { data } = await apiClient.post<MessageView>(`${base}/messages/${encodeURIComponent(id)}/retry`);
  return data;
}
