import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type {
  AcademicYear,
  ClassDto,
  SubjectAssignment,
  SubjectDto,
  UserDto as TeacherOption,
} from '@shala/contracts';

export const academicsKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'academics'),
  years: (institutionId: string) => tenantKey(institutionId, 'academics', 'years'),
  classes: (institutionId: string) => tenantKey(institutionId, 'academics', 'classes'),
  subjects: (institutionId: string) => tenantKey(institutionId, 'academics', 'subjects'),
  assignments: (institutionId: string, yearId: string) =>
    tenantKey(institutionId, 'academics', 'assignments', yearId),
  teachers: (institutionId: string) => tenantKey(institutionId, 'academics', 'teachers'),
};

const base = '/v1/academics';

export async function fetchYears(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: AcademicYear[] }>(`${base}/years`, { signal });
  return data.items;
}
export async function createYear(body: {
  name: string;
  startsOn: string;
  endsOn: string;
  current?: boolean;
}) {
  const { data } = await apiClient.post<AcademicYear>(`${base}/years`, body);
  return data;
}
export async function makeYearCurrent(id: string) {
  await apiClient.post(`${base}/years/${encodeURIComponent(id)}/current`);
}
export async function fetchClasses(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: ClassDto[] }>(`${base}/classes`, { signal });
  return data.items;
}
export async function createClass(body: { name: string; ordinal: number }) {
  const { data } = await apiClient.post<ClassDto>(`${base}/classes`, body);
  return data;
}
export async function createSection(body: { classId: string; name: string; classTeacherUserId?: string }) {
  const { data } = await apiClient.post(`${base}/sections`, body);
  return data as unknown;
}
export async function updateSection({
  id,
  ...body
}: {
  id: string;
  name?: string;
  classTeacherUserId?: string | null;
}) {
  const { data } = await apiClient.patch(`${base}/sections/${encodeURIComponent(id)}`, body);
  return data as unknown;
}
export async function fetchSubjects(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: SubjectDto[] }>(`${base}/subjects`, { signal });
  return data.items;
}
export async function createSubject(body: { code: string; name: string }) {
  const { data } = await apiClient.post<SubjectDto>(`${base}/subjects`, body);
  return data;
}
export async function fetchAssignments(yearId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: SubjectAssignment[] }>(`${base}/subject-assignments`, {
    params: yearId ? { yearId } : {},
    signal,
  });
  return data.items;
}
export async function createAssignment(body: {
  sectionId: string;
  subjectId: string;
  teacherUserId: string;
  academicYearId?: string;
}) {
  const { data } = await apiClient.post<SubjectAssignment>(`${base}/subject-assignments`, body);
  return data;
}
export async function deleteAssignment(id: string) {
  await apiClient.delete(`${base}/subject-assignments/${encodeURIComponent(id)}`);
}
export async function fetchTeachers(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: TeacherOption[] }>('/v1/users', {
    params: { status: 'active' },
    signal,
  });
  return data.items;
}
export async function promoteClass(body: { fromClassId: string; toClassId: string; toYearId: string }) {
  const { data } = await apiClient.post<{ promoted: number; skipped: number }>(
    '/v1/students/promotions',
    body,
  );
  return data;
}
