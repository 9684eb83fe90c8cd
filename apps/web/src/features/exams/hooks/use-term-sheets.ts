import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { examsKeys } from '../api/exams.api';
import {
  fetchCoScholastic,
  fetchRemarks,
  saveCoScholastic,
  saveRemarks,
  termSheetKeys,
} from '../api/term-sheets.api';
import type { SaveCoScholasticRequest, SaveRemarksRequest } from '@shala/contracts';

/** GET exams/terms/:termId/sections/:sectionId/co-scholastic */
export function useCoScholasticGrid(termId: string | null, sectionId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: termSheetKeys.sheet(institutionId, 'co-scholastic', termId ?? '', sectionId ?? ''),
    queryFn: ({ signal }) => fetchCoScholastic(termId ?? '', sectionId ?? '', signal),
    enabled: Boolean(termId && sectionId),
    // The sheet being edited is never swapped under the teacher's hands by a background refetch.
    refetchOnWindowFocus: false,
  });
}

/** GET exams/terms/:termId/sections/:sectionId/remarks */
export function useRemarksGrid(termId: string | null, sectionId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: termSheetKeys.sheet(institutionId, 'remarks', termId ?? '', sectionId ?? ''),
    queryFn: ({ signal }) => fetchRemarks(termId ?? '', sectionId ?? '', signal),
    enabled: Boolean(termId && sectionId),
    refetchOnWindowFocus: false,
  });
}

/** Grades and remarks print on report cards: everything of exams but the structure refetches. */
function useTermSheetMutation<V, R>(fn: (variables: V) => Promise<R>) {
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

/** PUT .../co-scholastic */
export const useSaveCoScholastic = () =>
  useTermSheetMutation((v: { termId: string; sectionId: string; body: SaveCoScholasticRequest }) =>
    saveCoScholastic(v.termId, v.sectionId, v.body),
  );

/** PUT .../remarks */
export const useSaveRemarks = () =>
  useTermSheetMutation((v: { termId: string; sectionId: string; body: SaveRemarksRequest }) =>
    saveRemarks(v.termId, v.sectionId, v.body),
  );
