import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import type {
  AccountantDashboard,
  AdminDashboard,
  DayCloseReport,
  FamilyDashboard,
  OperatorDashboard,
  TeacherDashboard,
} from '@shala/contracts';

/** The role dashboards, one request each (GET /v1/dashboard/<role>), cached under the institution. */
export type DashboardKind = 'admin' | 'teacher' | 'family' | 'accountant' | 'operator';

export interface DashboardViews {
  admin: AdminDashboard;
  teacher: TeacherDashboard;
  family: FamilyDashboard;
  accountant: AccountantDashboard;
  operator: OperatorDashboard;
}

export const dashboardKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'dashboard'),
  one: (institutionId: string, kind: DashboardKind) => tenantKey(institutionId, 'dashboard', kind),
  dayClose: (institutionId: string, date: string) => tenantKey(institutionId, 'dashboard', 'day-close', date),
};

export async function fetchDashboard<K extends DashboardKind>(
  kind: K,
  signal?: AbortSignal,
): Promise<DashboardViews[K]> {
  const { data } = await apiClient.get<DashboardViews[K]>(`/v1/dashboard/${kind}`, { signal });
  return data;
}

/** GET /v1/fees/day-close: the day's payments and totals (empty date: today in the school). */
export async function fetchDayClose(date: string, signal?: AbortSignal): Promise<DayCloseReport> {
  const { data } = await apiClient.get<DayCloseReport>('/v1/fees/day-close', {
    signal,
    params: date ? { date } : undefined,
  });
  return data;
}

/** The day-close report as CSV, for the spreadsheet and the bank deposit. */
export async function downloadDayCloseCsv(date: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await apiClient.get<Blob>('/v1/fees/day-close/export', {
    params: date ? { date } : undefined,
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  const blob =
    response.data instanceof Blob
      ? response.data
      : new Blob([response.data as BlobPart], { type: 'text/csv' });
  return {
    blob,
    fileName: fileNameFromDisposition(response.headers['content-disposition']) ?? `day-close-${date}.csv`,
  };
}
