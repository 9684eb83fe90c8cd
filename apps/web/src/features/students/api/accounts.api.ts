import type { GuardianAccountLink, StudentAccountLink } from '@shala/contracts';
import { apiClient } from '../../../app/api/client';

/** PUT /api/v1/students/guardians/:guardianId/account: link an existing parent account (null unlinks). */
export async function linkGuardianAccount({
  guardianId,
  userId,
}: {
  guardianId: string;
  userId: string | null;
}): Promise<GuardianAccountLink> {
  const { data } = await apiClient.put<GuardianAccountLink>(
    `/v1/students/guardians/${encodeURIComponent(guardianId)}/account`,
    { userId },
  );
  return data;
}

/** PUT /api/v1/students/:id/account: link an existing student account (null unlinks). */
export async function linkStudentAccount({
  studentId,
  userId,
}: {
  studentId: string;
  userId: string | null;
}): Promise<StudentAccountLink> {
  const { data } = await apiClient.put<StudentAccountLink>(
    `/v1/students/${encodeURIComponent(studentId)}/account`,
    { userId },
  );
  return data;
}
