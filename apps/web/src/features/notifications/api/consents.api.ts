import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { StudentSummary } from '../../students/api/students.types';

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

/** How a guardian gave or withdrew consent when staff record it (a parent's own choice is parent_app). */
export const STAFF_CONSENT_SOURCES = ['paper_form', 'school_office', 'import'] as const;
export type StaffConsentSource = (typeof STAFF_CONSENT_SOURCES)[number];

export interface ConsentHistoryEntry extends ConsentEntry {
  note: string | null;
}

export interface StaffGuardianConsents extends GuardianConsentsView {
  /** Every recorded change, newest first. */
  history: ConsentHistoryEntry[];
}

export interface StaffConsentChange {
  changes: ConsentChange[];
  source: StaffConsentSource;
  note: string | null;
}

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
