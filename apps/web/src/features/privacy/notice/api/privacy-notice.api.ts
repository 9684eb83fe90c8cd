import type {
  AcceptPrivacyNotice,
  MyPrivacyNoticeView,
  PrivacyNoticeDraft,
  PrivacyNoticeView,
  PublicPrivacyPage,
} from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

export const privacyNoticeKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy', 'notice'),
  versions: (institutionId: string) => tenantKey(institutionId, 'privacy', 'notice', 'versions'),
  /** The signed-in user's view; the user is in the key so a shared device never shows another's answer. */
  mine: (institutionId: string, userId: string) =>
    tenantKey(institutionId, 'privacy', 'notice', 'me', userId),
  /** The public page of a school: no tenant session, keyed by the school's slug. */
  publicPage: (slug: string) => ['public', 'privacy-notice', slug] as const,
};

export async function fetchNoticeVersions(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: PrivacyNoticeView[] }>('/v1/privacy/notices', { signal });
  return data.items;
}

export async function createNoticeDraft(body: PrivacyNoticeDraft) {
  const { data } = await apiClient.post<PrivacyNoticeView>('/v1/privacy/notices', body);
  return data;
}

export async function editNoticeDraft(id: string, body: PrivacyNoticeDraft) {
  const { data } = await apiClient.patch<PrivacyNoticeView>(
    `/v1/privacy/notices/${encodeURIComponent(id)}`,
    body,
  );
  return data;
}

export async function publishNotice(id: string) {
  const { data } = await apiClient.post<PrivacyNoticeView>(
    `/v1/privacy/notices/${encodeURIComponent(id)}/publish`,
    {},
  );
  return data;
}

export async function fetchMyNotice(signal?: AbortSignal) {
  const { data } = await apiClient.get<MyPrivacyNoticeView>('/v1/me/privacy-notice', { signal });
  return data;
}

export async function acceptNotice(body: AcceptPrivacyNotice) {
  const { data } = await apiClient.post<MyPrivacyNoticeView>('/v1/me/privacy-notice/accept', body);
  return data;
}

/** No session needed: sent without a token and never refreshes one. */
export async function fetchPublicPrivacyPage(slug: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<PublicPrivacyPage>(
    `/v1/public/schools/${encodeURIComponent(slug)}/privacy`,
    { signal, anonymous: true, skipAuthRefresh: true },
  );
  return data;
}
