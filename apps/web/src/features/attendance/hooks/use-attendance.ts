import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  addHoliday,
  attendanceKeys,
  cancelLeave,
  decideLeave,
  exportSectionMonth,
  fetchChronic,
  fetchDaySummary,
  fetchHolidays,
  fetchLeaveRequests,
  fetchRegister,
  fetchSectionMonth,
  fetchSettings,
  fetchStudentCalendar,
  fetchUnmarked,
  removeHoliday,
  requestLeave,
  saveRegister,
  updateSettings,
} from '../api/attendance.api';
import type { LeaveStatus, SaveRegisterRequest } from '@shala/contracts';

/** A change that moves registers and reports (never the settings: refetching those would re-gate the screen). */
function useAttendanceMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: attendanceKeys.all(institutionId),
        predicate: (query) => query.queryKey[3] !== 'settings',
      }),
  });
}

/** GET attendance/summary?date: the day's totals and the sections in the caller's scope. */
export function useDaySummary(date: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.summary(institutionId, date),
    queryFn: ({ signal }) => fetchDaySummary(date, signal),
  });
}

/** GET attendance/sections/:id/days/:date */
export function useRegister(sectionId: string | null, date: string, period: number | null = null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.register(institutionId, sectionId ?? '', date, period),
    queryFn: ({ signal }) => fetchRegister(sectionId ?? '', date, period, signal),
    enabled: Boolean(sectionId),
  });
}

/** GET attendance/settings: daily or period-wise, periods per day. */
export function useAttendanceSettings() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.settings(institutionId),
    // No abort signal: a small answer worth keeping even if the user leaves the tab before it arrives.
    queryFn: () => fetchSettings(),
  });
}

/**
 * PUT attendance/settings. The mode, weekly offs and cut-off change what every register and report
 * shows, so everything of attendance is refetched, the settings included.
 */
export function useUpdateAttendanceSettings() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(attendanceKeys.settings(institutionId), saved);
      return queryClient.invalidateQueries({
        queryKey: attendanceKeys.all(institutionId),
        predicate: (query) => query.queryKey[3] !== 'settings',
      });
    },
  });
}

/** GET attendance/holidays?from&to */
export function useHolidays(from: string, to: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.holidays(institutionId, from, to),
    queryFn: ({ signal }) => fetchHolidays(from, to, signal),
  });
}

/** A holiday added or removed changes which days are working days: registers and reports refetch. */
export const useAddHoliday = () => useAttendanceMutation(addHoliday);
export const useRemoveHoliday = () => useAttendanceMutation(removeHoliday);

/** PUT attendance/sections/:id/days/:date: the whole register in one request. */
export function useMarkAttendance(sectionId: string, date: string) {
  return useAttendanceMutation((body: SaveRegisterRequest) => saveRegister(sectionId, date, body));
}

export function useUnmarkedSections(date: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.unmarked(institutionId, date),
    queryFn: ({ signal }) => fetchUnmarked(date, signal),
  });
}

export function useSectionMonth(sectionId: string | null, month: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.month(institutionId, sectionId ?? '', month),
    queryFn: ({ signal }) => fetchSectionMonth(sectionId ?? '', month, signal),
    enabled: Boolean(sectionId),
  });
}

export function useExportSectionMonth() {
  return useMutation({
    mutationFn: exportSectionMonth,
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}

export function useChronicAbsentees(from: string, to: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.chronic(institutionId, from, to),
    queryFn: ({ signal }) => fetchChronic(from, to, signal),
  });
}

export function useLeaveRequests(status: LeaveStatus | 'all') {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.leave(institutionId, status),
    queryFn: ({ signal }) => fetchLeaveRequests(status, signal),
  });
}

export const useRequestLeave = () => useAttendanceMutation(requestLeave);
export const useDecideLeave = () => useAttendanceMutation(decideLeave);
export const useCancelLeave = () => useAttendanceMutation(cancelLeave);

export function useStudentCalendar(studentId: string | null, from: string, to: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: attendanceKeys.calendar(institutionId, studentId ?? '', from, to),
    queryFn: ({ signal }) => fetchStudentCalendar(studentId ?? '', from, to, signal),
    enabled: Boolean(studentId),
  });
}
