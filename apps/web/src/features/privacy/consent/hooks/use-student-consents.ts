import type { MyStudentConsentChange, PaperStudentConsentChange } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import { studentsKeys } from '../../../students/api/students.api';
import {
  changeMyStudentConsent,
  fetchMyStudentConsents,
  fetchStudentConsents,
  recordPaperConsent,
  setBiometricAttendance,
  studentConsentKeys,
} from '../api/student-consents.api';

export function useMyStudentConsents() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: studentConsentKeys.mine(institutionId),
    queryFn: ({ signal }) => fetchMyStudentConsents(signal),
  });
}

export function useChangeMyStudentConsent() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ studentId, ...body }: MyStudentConsentChange & { studentId: string }) =>
      changeMyStudentConsent(studentId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studentConsentKeys.all(institutionId) }),
  });
}

export function useStudentConsents(studentId: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: studentConsentKeys.student(institutionId, studentId),
    queryFn: ({ signal }) => fetchStudentConsents(studentId, signal),
  });
}

/** After a change the student's profile may change too (a withdrawal disables the account). */
function useInvalidateStudent() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: studentConsentKeys.all(institutionId) }),
      queryClient.invalidateQueries({ queryKey: studentsKeys.all(institutionId) }),
    ]);
}

export function useRecordPaperConsent(studentId: string) {
  const invalidate = useInvalidateStudent();
  return useMutation({
    mutationFn: (body: PaperStudentConsentChange) => recordPaperConsent(studentId, body),
    onSuccess: () => invalidate(),
  });
}

export function useSetBiometricAttendance(studentId: string) {
  const invalidate = useInvalidateStudent();
  return useMutation({
    mutationFn: (enabled: boolean) => setBiometricAttendance(studentId, enabled),
    onSuccess: () => invalidate(),
  });
}
