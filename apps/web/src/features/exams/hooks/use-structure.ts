import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { examsKeys } from '../api/exams.api';
import {
  replaceAssessments,
  replaceScale,
  replaceTerms,
  savePapers,
  type AssessmentInput,
  type PaperInput,
  type ScaleInput,
  type TermInput,
} from '../api/structure.api';

/** A structure change moves everything of exams (grids, results, schedules): all of it refetches. */
function useStructureMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: examsKeys.all(institutionId) }),
  });
}

/** PUT exams/years/:academicYearId/terms */
export const useReplaceTerms = () =>
  useStructureMutation((v: { academicYearId: string; terms: TermInput[] }) =>
    replaceTerms(v.academicYearId, v.terms),
  );

/** PUT exams/terms/:termId/assessments */
export const useReplaceAssessments = () =>
  useStructureMutation((v: { termId: string; assessments: AssessmentInput[] }) =>
    replaceAssessments(v.termId, v.assessments),
  );

/** PUT exams/assessments/:assessmentId/papers */
export const useSavePapers = () =>
  useStructureMutation((v: { assessmentId: string; papers: PaperInput[] }) =>
    savePapers(v.assessmentId, v.papers),
  );

/** PUT exams/grading-scales/:scaleId */
export const useReplaceScale = () =>
  useStructureMutation((v: { scaleId: string; scale: ScaleInput }) => replaceScale(v.scaleId, v.scale));
