import type {
  MyStudentConsentChange,
  PaperStudentConsentChange,
  StudentConsentsView,
} from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { tenantKey } from '../../../../app/query-keys';

export const studentConsentKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'privacy', 'student-consents'),
  mine: (institutionId: string) => tenantKey(institutionId, 'privacy', 'student-consents', 'mine'),
  student: (institutionId: string, studentId: string) =>
    tenantKey(institutionId, 'privacy', 'student-consents', 'student', studentId),
};

/** A parent's own children with their consents and history. */
export async function fetchMyStudentConsents(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: StudentConsentsView[] }>('/v1/privacy/my-student-consents', {
    signal,
  });
  return data.items;
}

export async function changeMyStudentConsent(studentId: string, body: MyStudentConsentChange) {
  const { data } = await apiClient.put<StudentConsentsView>(
    `/v1/privacy/my-student-consents/${encodeURIComponent(studentId)}`,
    body,
  );
  return data;
}

/** Staff: one student's consents, history and whether an account may be linked. */
export async function fetchStudentConsents(studentId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StudentConsentsView>(
    `/v1/privacy/students/${encodeURIComponent(studentId)}/consents`,
    { signal },
  );
  return data;
}

export async function recordPaperConsent(studentId: string, body: PaperStudentConsentChange) {
  const { data } = await apiClient.put<StudentConsentsView>(
    `/v1/privacy/students/${encodeURIComponent(studentId)}/consents`,
    body,
  );
  return data;
}

export async function setBiometricAttendance(studentId: string, enabled: boolean) {
  const { data } = await apiClient.put<StudentConsentsView>(
    `/v1/privacy/students/${encodeURIComponent(studentId)}/biometric-attendance`,
    { enabled },
  );
  return data;
}
