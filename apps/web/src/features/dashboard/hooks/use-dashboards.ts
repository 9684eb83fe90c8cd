import { useMutation, useQuery } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  type DashboardKind,
  dashboardKeys,
  downloadDayCloseCsv,
  fetchDashboard,
  fetchDayClose,
} from '../api/dashboard.api';

/** One role's dashboard; refreshed every minute while on screen (the numbers move through the morning). */
export function useDashboard<K extends DashboardKind>(kind: K, enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: dashboardKeys.one(institutionId, kind),
    queryFn: ({ signal }) => fetchDashboard(kind, signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useDayClose(date: string, enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: dashboardKeys.dayClose(institutionId, date),
    queryFn: ({ signal }) => fetchDayClose(date, signal),
    enabled,
  });
}

export function useDownloadDayClose() {
  return useMutation({
    mutationFn: (date: string) => downloadDayCloseCsv(date),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}
