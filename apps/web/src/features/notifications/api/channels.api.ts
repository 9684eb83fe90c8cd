import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { ChannelInput, ChannelView, SendingPreferences } from '@shala/contracts';

export const channelKeys = {
  channels: (institutionId: string) => tenantKey(institutionId, 'notifications', 'channels'),
  preferences: (institutionId: string) => tenantKey(institutionId, 'notifications', 'settings'),
};

const base = '/v1/notifications';

export async function fetchChannels(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: ChannelView[] }>(`${base}/channels`, { signal });
  return data.items;
}

/** PUT channels/:channel. Credentials left out of the body stay as they are; the answer says only "set". */
export async function saveChannel({ channel, body }: ChannelInput) {
  const { data } = await apiClient.put<ChannelView>(`${base}/channels/${channel}`, body);
  return data;
}

export async function fetchSendingPreferences(signal?: AbortSignal) {
  const { data } = await apiClient.get<SendingPreferences>(`${base}/settings`, { signal });
  return data;
}

export async function saveSendingPreferences(body: Omit<SendingPreferences, 'timeZone'>) {
  const { data } = await apiClient.put<SendingPreferences>(`${base}/settings`, body);
  return data;
}
