import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import type {
  GuardianInput,
  ImportReport,
  StudentFilter,
  StudentInput,
  StudentProfile,
  StudentSummary,
} from '@shala/contracts';

export const studentsKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'students'),
  list: (institutionId: string, filter: StudentFilter) =>
    tenantKey(institutionId, 'students', 'list', filter),
  profile: (institutionId: string, id: string) => tenantKey(institutionId, 'students', 'profile', id),
};

export const STUDENTS_PAGE = 25;

/** Only the filters that are set. */
export function studentParams(filter: StudentFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
}

export async function fetchStudents(filter: StudentFilter, cursor: string | undefined, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: StudentSummary[]; nextCursor: string | null }>(
    '/v1/students',
    {
      params: { ...studentParams(filter), limit: STUDENTS_PAGE, cursor },
      signal,
    },
  );
  return data;
}

export async function fetchStudent(id: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<StudentProfile>(`/v1/students/${encodeURIComponent(id)}`, { signal });
  return data;
}

/** POST students/:id/reveal: the unmasked profile (audited by the API). */
export async function revealStudent(id: string) {
  const { data } = await apiClient.post<StudentProfile>(`/v1/students/${encodeURIComponent(id)}/reveal`);
  return data;
}

export async function createStudent(body: StudentInput) {
  const { data } = await apiClient.post<StudentProfile>('/v1/students', body);
  return data;
}

export async function updateStudent({ id, ...body }: Partial<StudentInput> & { id: string }) {
  const { data } = await apiClient.patch<StudentProfile>(`/v1/students/${encodeURIComponent(id)}`, body);
  return data;
}

export async function addGuardian({ studentId, ...body }: GuardianInput & { studentId: string }) {
  const { data } = await apiClient.post<unknown>(
    `/v1/students/${encodeURIComponent(studentId)}/guardians`,
    body,
  );
  return data;
}

async function downloadCsv(path: string, params: Record<string, string>, fallbackName: string) {
  const response = await apiClient.get<Blob>(path, {
    params,
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  const blob =
    response.data instanceof Blob
      ? response.data
      : new Blob([response.data as BlobPart], { type: 'text/csv' });
  const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? fallbackName;
  return { blob, fileName };
}

/** GET students/export with the list's filters, as a Blob (the bearer header, never a token in a URL). */
export function exportStudents(filter: StudentFilter) {
  return downloadCsv('/v1/students/export', studentParams(filter), 'students.csv');
}

export function downloadImportTemplate() {
  return downloadCsv('/v1/students/import/template', {}, 'students-import-template.csv');
}

/** POST students/import?dryRun: the CSV text as the body. */
export async function importStudents({ csv, dryRun }: { csv: string; dryRun: boolean }) {
  // A Blob goes out byte for byte, with its own content type.
  const body = new Blob([csv], { type: 'text/csv' });
  const { data } = await apiClient.post<ImportReport>('/v1/students/import', body, {
    params: { dryRun: String(dryRun) },
    headers: { 'Content-Type': 'text/csv' },
    timeout: 120_000,
  });
  return data;
}
