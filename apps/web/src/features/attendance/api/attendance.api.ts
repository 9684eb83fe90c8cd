import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import type {
  AttendanceSettings,
  AttendanceSettingsUpdate,
  ChronicAbsentee,
  DaySummary,
  Holiday,
  LeaveRequestView as LeaveRequest,
  LeaveStatus,
  RegisterView as Register,
  SaveRegisterRequest,
  SaveRegisterResult as SaveRegisterResponse,
  SectionMonth,
  StudentCalendar,
  UnmarkedSections,
} from '@shala/contracts';

export const attendanceKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'attendance'),
  register: (institutionId: string, sectionId: string, date: string, period: number | null) =>
    tenantKey(institutionId, 'attendance', 'register', sectionId, date, period),
  settings: (institutionId: string) => tenantKey(institutionId, 'attendance', 'settings'),
  holidays: (institutionId: string, from: string, to: string) =>
    tenantKey(institutionId, 'attendance', 'holidays', from, to),
  summary: (institutionId: string, date: string) => tenantKey(institutionId, 'attendance', 'summary', date),
  unmarked: (institutionId: string, date: string) => tenantKey(institutionId, 'attendance', 'unmarked', date),
  month: (institutionId: string, sectionId: string, month: string) =>
    tenantKey(institutionId, 'attendance', 'month', sectionId, month),
  chronic: (institutionId: string, from: string, to: string) =>
    tenantKey(institutionId, 'attendance', 'chronic', from, to),
  leave: (institutionId: string, status: LeaveStatus | 'all') =>
    tenantKey(institutionId, 'attendance', 'leave', status),
  calendar: (institutionId: string, studentId: string, from: string, to: string) =>
    tenantKey(institutionId, 'attendance', 'calendar', studentId, from, to),
};

const base = '/v1/attendance';

export async function fetchRegister(
  sectionId: string,
  date: string,
  period: number | null,
  signal?: AbortSignal,
) {
  const { data } = await apiClient.get<Register>(
    `${base}/sections/${encodeURIComponent(sectionId)}/days/${encodeURIComponent(date)}`,
    { params: period ? { period } : {}, signal },
  );
  return data;
}

export async function fetchSettings(signal?: AbortSignal) {
  const { data } = await apiClient.get<AttendanceSettings>(`${base}/settings`, { signal });
  return data;
}

export async function updateSettings(body: AttendanceSettingsUpdate) {
  const { data } = await apiClient.put<AttendanceSettings>(`${base}/settings`, body);
  return data;
}

export async function fetchHolidays(from: string, to: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: Holiday[] }>(`${base}/holidays`, {
    params: { from, to },
    signal,
  });
  return data.items;
}

export async function addHoliday(body: { date: string; name: string }) {
  const { data } = await apiClient.post<Holiday>(`${base}/holidays`, body);
  return data;
}

export async function removeHoliday(id: string) {
  await apiClient.delete(`${base}/holidays/${encodeURIComponent(id)}`);
}

export async function saveRegister(sectionId: string, date: string, body: SaveRegisterRequest) {
  const { data } = await apiClient.put<SaveRegisterResponse>(
    `${base}/sections/${encodeURIComponent(sectionId)}/days/${encodeURIComponent(date)}`,
    body,
  );
  return data;
}

export async function fetchDaySummary(date: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<DaySummary>(`${base}/summary`, { params: { date }, signal });
  return data;
}

export async function fetchUnmarked(date: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<UnmarkedSections>(`${base}/unmarked`, { params: { date }, signal });
  return data;
}

export async function fetchSectionMonth(sectionId: string, month: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<SectionMonth>(
    `${base}/sections/${encodeURIComponent(sectionId)}/months/${encodeURIComponent(month)}`,
    { signal },
  );
  return data;
}

/** The month register as CSV, fetched with the bearer header (never a token in a URL). */
export async function exportSectionMonth({ sectionId, month }: { sectionId: string; month: string }) {
  const response = await apiClient.get<Blob>(
    `${base}/sections/${encodeURIComponent(sectionId)}/months/${encodeURIComponent(month)}/export`,
    { responseType: 'blob', headers: { Accept: 'text/csv' } },
  );
  const blob =
    response.data instanceof Blob
      ? response.data
      : new Blob([response.data as BlobPart], { type: 'text/csv' });
  const fileName =
    fileNameFromDisposition(response.headers['content-disposition']) ?? `attendance-${month}.csv`;
  return { blob, fileName };
}

export async function fetchChronic(from: string, to: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: ChronicAbsentee[] }>(`${base}/chronic-absentees`, {
    params: { from, to },
    signal,
  });
  return data.items;
}

export async function fetchLeaveRequests(status: LeaveStatus | 'all', signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: LeaveRequest[] }>(`${base}/leave-requests`, {
    params: status === 'all' ? {} : { status },
    signal,
  });
  return data.items;
}

export async function requestLeave(body: {
  studentId: string;
  fromDate: string;
  toDate: string;
  reason: string;
}) {
  const { data } = await apiClient.post<LeaveRequest>(`${base}/leave-requests`, body);
  return data;
}

export async function decideLeave({
  id,
  decision,
  note,
}: {
  id: string;
  decision: 'approved' | 'rejected';
  note?: string;
}) {
  const { data } = await apiClient.post<LeaveRequest>(
    `${base}/leave-requests/${encodeURIComponent(id)}/decision`,
    { decision, ...(note ? { note } : {}) },
  );
  return data;
}

export async function cancelLeave(id: string) {
  const { data } = await apiClient.post<LeaveRequest>(
    `${base}/leave-requests/${encodeURIComponent(id)}/cancel`,
  );
  return data;
}

export async function fetchStudentCalendar(
  studentId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
) {
  const { data } = await apiClient.get<StudentCalendar>(
    `${base}/students/${encodeURIComponent(studentId)}/calendar`,
    { params: { from, to }, signal },
  );
  return data;
}
