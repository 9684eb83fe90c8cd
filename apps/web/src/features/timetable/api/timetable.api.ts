import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmSubstitution,
  MyDay,
  SaveTimetableSettings,
  SectionTimetable,
  SubstitutionProposal,
  SubstitutionView,
  TeacherTimetable,
  TimetableCellInput,
  TimetableSettings,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { fetchFile } from '../../fees/api/fees.api';

export const timetableKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'timetable'),
  settings: (institutionId: string) => tenantKey(institutionId, 'timetable', 'settings'),
  section: (institutionId: string, sectionId: string) =>
    tenantKey(institutionId, 'timetable', 'section', sectionId),
  teacher: (institutionId: string, userId: string) =>
    tenantKey(institutionId, 'timetable', 'teacher', userId),
  myDay: (institutionId: string, date: string) => tenantKey(institutionId, 'timetable', 'my-day', date),
  proposals: (institutionId: string, teacherUserId: string, date: string) =>
    tenantKey(institutionId, 'timetable', 'proposals', teacherUserId, date),
};

const base = '/v1/timetable';

export async function fetchTimetableSettings(signal?: AbortSignal) {
  const { data } = await apiClient.get<TimetableSettings>(`${base}/settings`, { signal });
  return data;
}

export async function fetchSectionTimetable(sectionId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<SectionTimetable>(
    `${base}/sections/${encodeURIComponent(sectionId)}`,
    {
      signal,
    },
  );
  return data;
}

export async function fetchTeacherTimetable(userId: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<TeacherTimetable>(`${base}/teachers/${encodeURIComponent(userId)}`, {
    signal,
  });
  return data;
}

export async function fetchMyDay(date: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<MyDay>(`${base}/my-day`, { params: date ? { date } : {}, signal });
  return data;
}

/** The printable week of a section or a teacher (PDF). */
export function downloadTimetablePdf(of: { sectionId: string } | { teacherUserId: string }) {
  const path =
    'sectionId' in of
      ? `${base}/sections/${encodeURIComponent(of.sectionId)}/pdf`
      : `${base}/teachers/${encodeURIComponent(of.teacherUserId)}/pdf`;
  return fetchFile(path, 'application/pdf', 'timetable.pdf');
}

const cellUrl = (sectionId: string, weekday: number, period: number) =>
  `${base}/sections/${encodeURIComponent(sectionId)}/cells/${weekday}/${period}`;

export async function saveCell(input: { sectionId: string } & TimetableCellInput) {
  const { sectionId, weekday, period, ...body } = input;
  const { data } = await apiClient.put<SectionTimetable>(cellUrl(sectionId, weekday, period), body);
  return data;
}

export async function clearCell(input: { sectionId: string; weekday: number; period: number }) {
  const { data } = await apiClient.delete<SectionTimetable>(
    cellUrl(input.sectionId, input.weekday, input.period),
  );
  return data;
}

export function useTimetableSettings() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: timetableKeys.settings(institutionId),
    queryFn: ({ signal }) => fetchTimetableSettings(signal),
  });
}

export function useSectionTimetable(sectionId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: timetableKeys.section(institutionId, sectionId ?? ''),
    queryFn: ({ signal }) => fetchSectionTimetable(sectionId!, signal),
    enabled: Boolean(sectionId),
  });
}

export function useTeacherTimetable(userId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: timetableKeys.teacher(institutionId, userId ?? ''),
    queryFn: ({ signal }) => fetchTeacherTimetable(userId!, signal),
    enabled: Boolean(userId),
  });
}

export function useMyDay(date = '', enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: timetableKeys.myDay(institutionId, date),
    queryFn: ({ signal }) => fetchMyDay(date, signal),
    enabled,
  });
}

function useCellMutation<V>(fn: (variables: V) => Promise<SectionTimetable>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      queryClient.setQueryData(timetableKeys.section(institutionId, data.sectionId), data);
      void queryClient.invalidateQueries({ queryKey: timetableKeys.all(institutionId) });
    },
  });
}

export const useSaveCell = () => useCellMutation(saveCell);
export const useClearCell = () => useCellMutation(clearCell);

export async function saveTimetableSettings(body: SaveTimetableSettings) {
  const { data } = await apiClient.put<TimetableSettings>(`${base}/settings`, body);
  return data;
}

export async function fetchProposals(teacherUserId: string, date: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<SubstitutionProposal>(`${base}/substitutions/proposals`, {
    params: { teacherUserId, date },
    signal,
  });
  return data;
}

export async function confirmSubstitution(body: ConfirmSubstitution) {
  const { data } = await apiClient.post<SubstitutionView>(`${base}/substitutions`, body);
  return data;
}

export async function cancelSubstitution(id: string) {
  await apiClient.delete(`${base}/substitutions/${encodeURIComponent(id)}`);
}

export function useSaveTimetableSettings() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveTimetableSettings,
    onSuccess: (data) => {
      queryClient.setQueryData(timetableKeys.settings(institutionId), data);
      void queryClient.invalidateQueries({ queryKey: timetableKeys.all(institutionId) });
    },
  });
}

/** An absent teacher's periods of a day with the free colleagues for each. */
export function useSubstitutionProposals(teacherUserId: string | null, date: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: timetableKeys.proposals(institutionId, teacherUserId ?? '', date ?? ''),
    queryFn: ({ signal }) => fetchProposals(teacherUserId!, date!, signal),
    enabled: Boolean(teacherUserId && date),
  });
}

function useSubstitutionMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Proposals (every teacher's load changes) and each teacher's day.
    onSettled: () => queryClient.invalidateQueries({ queryKey: timetableKeys.all(institutionId) }),
  });
}

export const useConfirmSubstitution = () => useSubstitutionMutation(confirmSubstitution);
export const useCancelSubstitution = () => useSubstitutionMutation(cancelSubstitution);
