import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  downloadAnalyticsCsv,
  downloadHallTickets,
  downloadJobZip,
  downloadReportCard,
  examsKeys,
  fetchAnalytics,
  fetchGrid,
  fetchJob,
  fetchProgress,
  fetchSchedule,
  fetchSectionResults,
  fetchStructure,
  fetchStudentResults,
  fetchStudentSchedule,
  publishResults,
  saveMarks,
  startReportCards,
  submitMarks,
} from '../api/exams.api';
import type { SaveMarksRequest } from '@shala/contracts';

/** GET exams/structure (the current year). */
export function useExamStructure() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.structure(institutionId),
    queryFn: ({ signal }) => fetchStructure(signal),
  });
}

/** GET exams/papers/:paperId/sections/:sectionId/marks */
export function useMarksGrid(paperId: string | null, sectionId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.grid(institutionId, paperId ?? '', sectionId ?? ''),
    queryFn: ({ signal }) => fetchGrid(paperId ?? '', sectionId ?? '', signal),
    enabled: Boolean(paperId && sectionId),
    // The grid being edited is never swapped under the teacher's hands by a background refetch.
    refetchOnWindowFocus: false,
  });
}

/** A change of marks moves grids, progress and results: everything of exams but the structure refetches. */
function useMarksMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: examsKeys.all(institutionId),
        predicate: (query) => query.queryKey[3] !== 'structure',
      }),
  });
}

/** PUT exams/papers/:paperId/sections/:sectionId/marks */
export const useSaveMarks = () =>
  useMarksMutation((v: { paperId: string; sectionId: string; body: SaveMarksRequest }) =>
    saveMarks(v.paperId, v.sectionId, v.body),
  );

/** POST .../marks/submit */
export const useSubmitMarks = () =>
  useMarksMutation((v: { paperId: string; sectionId: string }) => submitMarks(v.paperId, v.sectionId));

/** POST exams/terms/:termId/classes/:classId/publish|unpublish */
export const usePublishResults = () =>
  useMarksMutation((v: { termId: string; classId: string; publish: boolean }) =>
    publishResults(v.termId, v.classId, v.publish),
  );

/** GET exams/progress?assessmentId */
export function useMarksProgress(assessmentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.progress(institutionId, assessmentId ?? ''),
    queryFn: ({ signal }) => fetchProgress(assessmentId ?? '', signal),
    enabled: Boolean(assessmentId),
  });
}

/** GET exams/terms/:termId/sections/:sectionId/results */
export function useSectionResults(termId: string | null, sectionId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.sectionResults(institutionId, termId ?? '', sectionId ?? ''),
    queryFn: ({ signal }) => fetchSectionResults(termId ?? '', sectionId ?? '', signal),
    enabled: Boolean(termId && sectionId),
  });
}

/** GET exams/students/:studentId/results (published terms only for parents and students). */
export function useStudentResults(studentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.studentResults(institutionId, studentId ?? ''),
    queryFn: ({ signal }) => fetchStudentResults(studentId ?? '', signal),
    enabled: Boolean(studentId),
  });
}

/** POST exams/terms/:termId/sections/:sectionId/report-cards: answers the job id. */
export function useStartReportCards() {
  return useMutation({
    mutationFn: (v: { termId: string; sectionId: string }) => startReportCards(v.termId, v.sectionId),
  });
}

/** GET exams/report-card-jobs/:jobId, polled every second while it runs. */
export function useReportCardJob(jobId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.job(institutionId, jobId ?? ''),
    queryFn: ({ signal }) => fetchJob(jobId ?? '', signal),
    enabled: Boolean(jobId),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
}

export function useDownloadJobZip() {
  return useMutation({
    mutationFn: async (jobId: string) => {
      const { blob, fileName } = await downloadJobZip(jobId);
      saveFile(blob, fileName);
    },
  });
}

export function useDownloadReportCard() {
  return useMutation({
    mutationFn: async (v: { studentId: string; termId: string }) => {
      const { blob, fileName } = await downloadReportCard(v.studentId, v.termId);
      saveFile(blob, fileName);
    },
  });
}

/** GET exams/analytics?termId&classId */
export function useClassAnalytics(termId: string | null, classId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.analytics(institutionId, termId ?? '', classId ?? ''),
    queryFn: ({ signal }) => fetchAnalytics(termId ?? '', classId ?? '', signal),
    enabled: Boolean(termId && classId),
  });
}

export function useDownloadAnalyticsCsv() {
  return useMutation({
    mutationFn: async (v: { termId: string; classId: string }) => {
      const { blob, fileName } = await downloadAnalyticsCsv(v.termId, v.classId);
      saveFile(blob, fileName);
    },
  });
}

/** GET exams/assessments/:assessmentId/schedule */
export function useExamSchedule(assessmentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.schedule(institutionId, assessmentId ?? ''),
    queryFn: ({ signal }) => fetchSchedule(assessmentId ?? '', signal),
    enabled: Boolean(assessmentId),
  });
}

/** GET exams/students/:studentId/schedule */
export function useStudentSchedule(studentId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: examsKeys.studentSchedule(institutionId, studentId ?? ''),
    queryFn: ({ signal }) => fetchStudentSchedule(studentId ?? '', signal),
    enabled: Boolean(studentId),
  });
}

/** A section's hall tickets, or one student's, as a PDF download. */
export function useDownloadHallTickets() {
  return useMutation({
    mutationFn: async (v: { assessmentId: string } & ({ sectionId: string } | { studentId: string })) => {
      const { assessmentId, ...target } = v;
      const { blob, fileName } = await downloadHallTickets(assessmentId, target);
      saveFile(blob, fileName);
    },
  });
}
