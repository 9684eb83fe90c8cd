import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { StudentSummary } from '@shala/contracts';

import type {
  Channel,
  ConsentChange,
  ConsentEntry,
  ConsentHistoryEntry,
  ConsentPurpose,
  GuardianConsentsHistory,
  GuardianConsentsView,
  StaffConsentChange,
} from '@shala/contracts';

export type { ConsentChange, ConsentEntry, ConsentHistoryEntry, GuardianConsentsView, StaffConsentChange };
export type ConsentChannel = Channel;
export type { ConsentPurpose };
/** The staff view of a guardian's consents: with every recorded change, newest first. */
export type StaffGuardianConsents = GuardianConsentsHistory;

/** The order the consent screens list channels and purposes in. */
export const CONSENT_CHANNELS: readonly ConsentChannel[] = ['sms', 'email', 'whatsapp'];
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'absence_alerts',
  'fee_reminders',
  'receipts',
  'exam_results',
  'circulars',
];

/** How a guardian gave or withdrew consent when staff record it (a parent's own choice is parent_app). */
export const STAFF_CONSENT_SOURCES = ['paper_form', 'school_office', 'import'] as const;
export type StaffConsentSource = (typeof STAFF_CONSENT_SOURCES)[number];

export const consentKeys = {
  mine: (institutionId: string) => tenantKey(institutionId, 'notifications', 'my-consents'),
  guardian: (institutionId: string, guardianId: string) =>
    tenantKey(institutionId, 'notifications', 'guardian-consents', guardianId),
  byContact: (institutionId: string, contact: string) =>
    tenantKey(institutionId, 'notifications', 'students-by-guardian-contact', contact),
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

/** GET guardians/:id/consents (notifications.manage): a guardian's consents and their recorded history. */
export async function fetchGuardianConsents(guardianId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StaffGuardianConsents>(
    `/v1/notifications/guardians/${encodeURIComponent(guardianId)}/consents`,
    { signal },
  );
  return data;
}

/** PUT guardians/:id/consents: staff record consent given or withdrawn, with its source. */
export async function recordGuardianConsent(guardianId: string, change: StaffConsentChange) {
  const { data } = await apiClient.put<GuardianConsentsView & { cancelled: number }>(
    `/v1/notifications/guardians/${encodeURIComponent(guardianId)}/consents`,
    change,
  );
  return data;
}

/**
 * POST /students/search (students.read): the students whose guardian has exactly this phone or email,
 * matched by the API's blind index.
 */
export async function findStudentsByGuardianContact(contact: string, signal?: AbortSignal) {
  const value = contact.trim();
  const body = value.includes('@') ? { guardianEmail: value } : { guardianPhone: value };
  const { data } = await apiClient.post<{ items: StudentSummary[] }>('/v1/students/search', body, { signal });
  return data.items;
}
