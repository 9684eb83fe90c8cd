import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';

export const CONSENT_CHANNELS = ['sms', 'email', 'whatsapp'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_PURPOSES = ['absence_alerts', 'fee_reminders', 'receipts', 'exam_results'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentEntry {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string | null;
  recordedAt: string | null;
  recordedByUserId: string | null;
}

export interface GuardianConsentsView {
  guardianId: string;
  fullName: string;
  reachable: Record<ConsentChannel, boolean>;
  consents: ConsentEntry[];
}

export interface ConsentChange {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
}

export const consentKeys = {
  mine: (institutionId: string) => tenantKey(institutionId, 'notifications', 'my-consents'),
};

export async function fetchMyConsents(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: GuardianConsentsView[] }>('/v1/notifications/my-consents', {
    signal,
  });
  return data.items;
}

export async function changeMyConsents(guardianId: string, changes: ConsentChange[]) {
  const { data } = await apiClient.put<GuardianConsentsView>(
    `/v1/notifications/my-consents/${encodeURIComponent(guardianId)}`,
    { changes },
  );
  return data;
}
